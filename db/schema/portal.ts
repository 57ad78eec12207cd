// Clients' access to the client portal: accounts, invitation mails and password resets.
import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clients } from "./clients-and-devices";
import { syncRuns } from "./runs-and-pages";

export const portalStatus = pgEnum("portal_status", ["invited", "active", "revoked"]);

/** A client's access to the client portal: at most one per client, so a client is invited once. */
export const portalAccounts = pgTable("portal_accounts", {
  clientId: uuid("client_id")
    .primaryKey()
    .references(() => clients.id, { onDelete: "cascade" }),
  status: portalStatus("status").notNull().default("invited"),
  passwordHash: text("password_hash"),
  // Raised when access is revoked, so sessions already open stop working.
  sessionVersion: integer("session_version").notNull().default(1),
  invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
  activatedAt: timestamp("activated_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  // The last time the client signed in with their Microsoft work account (shown on the client's page).
  microsoftSignedInAt: timestamp("microsoft_signed_in_at", { withTimezone: true }),
});

/** One invitation mail. The link's token is never stored: only its hash, and the nonce it is made from. */
export const portalInvitations = pgTable(
  "portal_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    // The users sync whose end made it (none for a resend), so the run history can count what it sent.
    syncRunId: uuid("sync_run_id").references(() => syncRuns.id, { onDelete: "set null" }),
    email: text("email").notNull(),
    // Needed only until the mail is sent (a retry makes the same link); cleared after.
    nonce: text("nonce"),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    // Claimed before the mail goes out, so a retried step never sends it twice.
    sentAt: timestamp("sent_at", { withTimezone: true }),
    // A mail server that refused the address for good: shown on the client's page, not retried.
    sendError: text("send_error"),
    usedAt: timestamp("used_at", { withTimezone: true }),
    supersededAt: timestamp("superseded_at", { withTimezone: true }),
  },
  (t) => [
    index("portal_invitations_unsent").on(t.sentAt),
    index("portal_invitations_client").on(t.clientId),
    index("portal_invitations_sync_run").on(t.syncRunId),
  ],
);

/** A "Send me a new link" mail for a portal client who forgot their password: only the link's hash is kept. */
export const portalPasswordResets = pgTable(
  "portal_password_resets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => clients.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("portal_password_resets_client").on(t.clientId)],
);

export type PortalAccount = typeof portalAccounts.$inferSelect;
export type PortalInvitation = typeof portalInvitations.$inferSelect;
