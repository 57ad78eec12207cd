// The stored Entra credentials, a connection's own and the provider app's, in one table (lib/credentials), and the
// provider's multi-tenant app.
import { sql } from "drizzle-orm";
import { boolean, check, date, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";
import { entraConnections } from "./organizations-and-connections";
import { staffMicrosoftSignIn } from "./staff";

/**
 * The IT provider's one multi-tenant app ("Accounts in any organizational directory"), entered once by a superuser:
 * every organization connected by consent signs in with it, at its own tenant. At most one row. Its credential is a
 * row of `credentials`, as a connection's is.
 */
export const providerApp = pgTable(
  "provider_app",
  {
    id: boolean("id").primaryKey().default(true),
    clientId: text("client_id").notNull(),
    ...timestamps,
  },
  (t) => [check("provider_app_one_row", sql`${t.id}`)],
);

/**
 * A stored Entra credential, a connection's own app's or the provider app's: at most one of a Client secret or a
 * certificate. The secret and the private key are AES-256-GCM ciphertexts tagged with the id of the key that made
 * them and bound to their owner (lib/credentials/purposes.ts); the rest identifies them in the clear, and thumbprint,
 * subject and expiry of a certificate (Microsoft's recommendation over a secret) come from the certificate itself.
 * A connection by the provider's app has none of its own: it signs in with the provider app's.
 */
export const credentials = pgTable(
  "credentials",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .unique()
      .references(() => entraConnections.id, { onDelete: "cascade" }),
    providerAppId: boolean("provider_app_id")
      .unique()
      .references(() => providerApp.id, { onDelete: "cascade" }),
    // The app registration staff sign in with, when it is not the provider's multi-tenant app.
    staffMicrosoftSignInId: boolean("staff_microsoft_sign_in_id")
      .unique()
      .references(() => staffMicrosoftSignIn.id, { onDelete: "cascade" }),
    clientSecretCiphertext: text("client_secret_ciphertext"),
    clientSecretLastFour: text("client_secret_last_four"),
    clientSecretAddedAt: timestamp("client_secret_added_at", { withTimezone: true }),
    clientSecretExpiresOn: date("client_secret_expires_on"),
    certificateKeyCiphertext: text("certificate_key_ciphertext"),
    certificateThumbprintSha256: text("certificate_thumbprint_sha256"),
    certificateSubject: text("certificate_subject"),
    certificateExpiresOn: date("certificate_expires_on"),
    certificateAddedAt: timestamp("certificate_added_at", { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    check(
      "credentials_one_owner",
      sql`num_nonnulls(${t.connectionId}, ${t.providerAppId}, ${t.staffMicrosoftSignInId}) = 1`,
    ),
  ],
);

/** What a credential is, without whose it is: the columns lib/credentials encrypts, decrypts, describes and dates. */
export type StoredCredential = Omit<
  typeof credentials.$inferSelect,
  "id" | "connectionId" | "providerAppId" | "staffMicrosoftSignInId" | "createdAt" | "updatedAt"
>;

/** A connection as it is read (lib/connections findConnection): its row and its own credential, if any. */
export type EntraConnection = typeof entraConnections.$inferSelect & StoredCredential;

/** The provider's app as it is read (lib/credentials findProviderApp): its row and its credential, if any. */
export type ProviderApp = typeof providerApp.$inferSelect & StoredCredential;

/** Staff's Microsoft sign-in as it is read: its row and its own app's credential, if any. */
export type StaffMicrosoftSignInApp = typeof staffMicrosoftSignIn.$inferSelect & StoredCredential;
