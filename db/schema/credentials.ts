// The provider's multi-tenant app and its credential (the same column set as a connection's own, db/schema/columns.ts).
import { sql } from "drizzle-orm";
import { boolean, check, pgTable, text } from "drizzle-orm/pg-core";
import { storedCredential, timestamps } from "./columns";

/**
 * The IT provider's one multi-tenant app ("Accounts in any organizational directory"), entered once by a superuser:
 * every organization connected by consent signs in with it, at its own tenant. At most one row. Its credential is
 * kept like a connection's (lib/credentials): at most one of a secret or a certificate.
 */
export const providerApp = pgTable(
  "provider_app",
  {
    id: boolean("id").primaryKey().default(true),
    clientId: text("client_id").notNull(),
    ...storedCredential,
    ...timestamps,
  },
  (t) => [check("provider_app_one_row", sql`${t.id}`)],
);

export type ProviderApp = typeof providerApp.$inferSelect;
