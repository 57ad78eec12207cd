import "server-only";
import { evaluateSecretExpiry } from "./secret-expiry-alert";
import { evaluateStalledSchedules } from "./stalled-schedules";

/** The conditions that come with time rather than with a run's end: the secret's expiry and stalled schedules. */
export async function evaluateTimedAlerts(now: Date) {
  await evaluateSecretExpiry(now);
  const stalled = await evaluateStalledSchedules(now);
  return { stalled };
}
