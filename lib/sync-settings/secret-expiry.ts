import { guideStep } from "@/lib/setup-guide/steps";

/** How close the stored client secret is to its "Client secret expires on" date. */
export type SecretExpiry =
  | { state: "unknown" }
  | { state: "ok"; expiresOn: string; daysLeft: number }
  | { state: "expiring"; expiresOn: string; daysLeft: number }
  | { state: "expired"; expiresOn: string };

const warningDays = 30;
const dayMs = 86_400_000;

export function secretExpiry(expiresOn: string | null, now: Date): SecretExpiry {
  if (!expiresOn) return { state: "unknown" };
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysLeft = Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - today) / dayMs);
  if (daysLeft < 0) return { state: "expired", expiresOn };
  return { state: daysLeft <= warningDays ? "expiring" : "ok", expiresOn, daysLeft };
}

export function secretExpiryMessage(expiry: SecretExpiry): string | null {
  if (expiry.state === "expired") {
    return `The client secret expired on ${expiry.expiresOn} — syncs will fail until you add a new secret (${guideStep("clientSecret")}).`;
  }
  if (expiry.state === "expiring") {
    const when = expiry.daysLeft === 0 ? "today" : `in ${expiry.daysLeft} day${expiry.daysLeft === 1 ? "" : "s"}`;
    return `The client secret expires ${when} (${expiry.expiresOn}). Create a new one in Certificates & secrets (${guideStep("clientSecret")}) and enter it under Azure User Sync.`;
  }
  return null;
}
