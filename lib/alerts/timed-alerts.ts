import "server-only";
import { evaluateSecretExpiry } from "./secret-expiry-alert";
import { evaluateStalledSchedules } from "./stalled-schedules";

/**
 * The conditions that come with time rather than with a run's end: the credentials' expiry (every connection's and
 * the provider app's) and stalled schedules, for every organization in a fixed number of queries.
 */
export async function evaluateTimedAlerts(now: Date) {
  await evaluateSecretExpiry(now);
  const stalled = await evaluateStalledSchedules(now);
  return { stalled };
}
