import "server-only";
import type { StoredCredential } from "@/db/schema";
import type { EntraConnectionSettings } from "@/lib/azure";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { storedCredentialExpiry } from "./expiry";

/** The purposes a row's ciphertexts are bound to (lib/crypto/secret-box.ts): decrypting needs the same ones. */
export type CredentialPurposes = { secret: string; certificateKey: string };

export const hasCredential = (
  stored: Pick<StoredCredential, "clientSecretCiphertext" | "certificateKeyCiphertext"> | null,
) => Boolean(stored?.clientSecretCiphertext || stored?.certificateKeyCiphertext);

/** Which credential is stored: the certificate when there is one, else the secret (what a form shows chosen). */
const credentialKindOf = (stored: Pick<StoredCredential, "certificateKeyCiphertext"> | null) =>
  stored?.certificateKeyCiphertext ? ("certificate" as const) : ("secret" as const);

/**
 * Decrypts the stored secret or certificate key for the one call that needs a token; never store or return the
 * result beyond it. The caller has checked that a credential is stored.
 */
export function decryptCredential(
  stored: StoredCredential,
  purposes: CredentialPurposes,
): EntraConnectionSettings["credential"] {
  if (stored.certificateKeyCiphertext) {
    return {
      kind: "certificate",
      privateKeyPem: decryptSecret(stored.certificateKeyCiphertext, purposes.certificateKey),
      thumbprintSha256: stored.certificateThumbprintSha256 ?? "",
    };
  }
  return { kind: "secret", secret: decryptSecret(stored.clientSecretCiphertext!, purposes.secret) };
}

/** A stored credential as a settings page shows it: never the secret or the key, only what identifies them, and its expiry. */
export function describeCredential(stored: StoredCredential | null, now: Date) {
  return {
    credentialKind: credentialKindOf(stored),
    secret: stored?.clientSecretCiphertext
      ? { stored: true as const, lastFour: stored.clientSecretLastFour ?? "", addedAt: stored.clientSecretAddedAt }
      : { stored: false as const },
    certificate: stored?.certificateKeyCiphertext
      ? {
          stored: true as const,
          thumbprintSha256: stored.certificateThumbprintSha256 ?? "",
          subject: stored.certificateSubject ?? "",
          expiresOn: stored.certificateExpiresOn ?? "",
          addedAt: stored.certificateAddedAt,
        }
      : { stored: false as const },
    clientSecretExpiresOn: stored?.clientSecretExpiresOn ?? null,
    expiry: storedCredentialExpiry(stored, now),
  };
}
