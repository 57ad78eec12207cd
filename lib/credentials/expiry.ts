import type { StoredCredential } from "@/db/schema";
import { guideStep } from "@/lib/setup-guide/steps";

/** Which credential a warning is about: the words differ, the stages do not. */
export type CredentialNoun = "client secret" | "certificate";

/** How close the stored credential is to its expiry: the secret's "Client secret expires on", or the certificate's own date. */
export type SecretExpiry =
  | { state: "unknown" }
  | { state: "ok"; expiresOn: string; daysLeft: number; credential: CredentialNoun }
  | { state: "expiring"; expiresOn: string; daysLeft: number; credential: CredentialNoun }
  | { state: "expired"; expiresOn: string; credential: CredentialNoun };

const warningDays = 30;
const dayMs = 86_400_000;

export function secretExpiry(
  expiresOn: string | null,
  now: Date,
  credential: CredentialNoun = "client secret",
): SecretExpiry {
  if (!expiresOn) return { state: "unknown" };
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysLeft = Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - today) / dayMs);
  if (daysLeft < 0) return { state: "expired", expiresOn, credential };
  return { state: daysLeft <= warningDays ? "expiring" : "ok", expiresOn, daysLeft, credential };
}

/** What an expiry is worked out from: whether each credential is stored (a query may say so without the ciphertext), and its date. */
export type CredentialDates = Pick<
  StoredCredential,
  "clientSecretCiphertext" | "clientSecretExpiresOn" | "certificateKeyCiphertext" | "certificateExpiresOn"
>;

/** The expiry of whichever credential is stored: a date without a stored credential warns about nothing. */
export function storedCredentialExpiry(connection: CredentialDates | null, now: Date): SecretExpiry {
  if (connection?.certificateKeyCiphertext) return secretExpiry(connection.certificateExpiresOn, now, "certificate");
  return secretExpiry(connection?.clientSecretCiphertext ? connection.clientSecretExpiresOn : null, now);
}

export function secretExpiryMessage(expiry: SecretExpiry): string | null {
  if (expiry.state !== "expired" && expiry.state !== "expiring") return null;
  const certificate = expiry.credential === "certificate";
  if (expiry.state === "expired") {
    return certificate
      ? `The certificate expired on ${expiry.expiresOn} — syncs will fail until you upload a new certificate to the app in Certificates & secrets and here under Azure User Sync.`
      : `The client secret expired on ${expiry.expiresOn} — syncs will fail until you add a new secret (${guideStep("clientSecret")}).`;
  }
  const when = expiry.daysLeft === 0 ? "today" : `in ${expiry.daysLeft} day${expiry.daysLeft === 1 ? "" : "s"}`;
  return certificate
    ? `The certificate expires ${when} (${expiry.expiresOn}). Upload a new one to the app in Certificates & secrets and here under Azure User Sync.`
    : `The client secret expires ${when} (${expiry.expiresOn}). Create a new one in Certificates & secrets (${guideStep("clientSecret")}) and enter it under Azure User Sync.`;
}

/** The same warning for the provider's multi-tenant app: every organization connected by it signs in with its credential. */
export function providerAppExpiryMessage(expiry: SecretExpiry): string | null {
  if (expiry.state !== "expired" && expiry.state !== "expiring") return null;
  const credential = `The provider app's ${expiry.credential}`;
  const renew = expiry.credential === "certificate" ? "upload a new certificate" : "add a new client secret";
  const where = `in its Certificates & secrets and enter it under Settings → Organizations → Provider app`;
  if (expiry.state === "expired") {
    return `${credential} expired on ${expiry.expiresOn} — every organization connected by it fails to sync until you ${renew} ${where}.`;
  }
  const when = expiry.daysLeft === 0 ? "today" : `in ${expiry.daysLeft} day${expiry.daysLeft === 1 ? "" : "s"}`;
  return `${credential} expires ${when} (${expiry.expiresOn}): every organization connected by it signs in with it. ${renew[0].toUpperCase()}${renew.slice(1)} ${where}.`;
}
