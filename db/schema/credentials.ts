// The provider's multi-tenant app and its credential (a connection's own credential is kept on its row).
import { sql } from "drizzle-orm";
import { boolean, check, date, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { timestamps } from "./columns";

/**
 * The IT provider's one multi-tenant app ("Accounts in any organizational directory"), entered once by a superuser:
 * every organization connected by consent signs in with it, at its own tenant. At most one row. Its credential is
 * kept like a connection's (lib/sync-settings/provider-app.ts): at most one of a secret or a certificate.
 */
export const providerApp = pgTable(
  "provider_app",
  {
    id: boolean("id").primaryKey().default(true),
    clientId: text("client_id").notNull(),
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
  (t) => [check("provider_app_one_row", sql`${t.id}`)],
);

export type ProviderApp = typeof providerApp.$inferSelect;
