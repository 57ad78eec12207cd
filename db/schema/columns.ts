// Columns more than one table has (not tables: index.ts does not export this file).
import { date, text, timestamp } from "drizzle-orm/pg-core";

export const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/**
 * A stored Entra credential, a connection's own or the provider app's (lib/credentials): at most one of a Client
 * secret or a certificate. The secret and the private key are AES-256-GCM ciphertexts tagged with the id of the key
 * that made them (lib/crypto); the rest identifies them in the clear, and thumbprint, subject and expiry of a
 * certificate (Microsoft's recommendation over a secret) come from the certificate itself.
 */
export const storedCredential = {
  clientSecretCiphertext: text("client_secret_ciphertext"),
  clientSecretLastFour: text("client_secret_last_four"),
  clientSecretAddedAt: timestamp("client_secret_added_at", { withTimezone: true }),
  clientSecretExpiresOn: date("client_secret_expires_on"),
  certificateKeyCiphertext: text("certificate_key_ciphertext"),
  certificateThumbprintSha256: text("certificate_thumbprint_sha256"),
  certificateSubject: text("certificate_subject"),
  certificateExpiresOn: date("certificate_expires_on"),
  certificateAddedAt: timestamp("certificate_added_at", { withTimezone: true }),
};
