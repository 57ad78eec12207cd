// What superusers are told about (alert conditions and their mails), and the audit log of who changed what.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { providerApp } from "./credentials";
import { entraConnections } from "./organizations-and-connections";
import { staffUsers } from "./staff";

/** Who changed what, and when: settings changes and sync requests. Never holds a secret. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id").references(() => staffUsers.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    summary: text("summary").notNull(),
    changes: jsonb("changes").$type<Record<string, { from: unknown; to: unknown }>>(),
  },
  (t) => [index("audit_events_at").on(t.at)],
);

export const alertMailKind = pgEnum("alert_mail_kind", ["raised", "escalated", "cleared"]);

/**
 * Something wrong that superusers are told about once (lib/alerts): with a connection (a failed or held sync,
 * the secret's expiry, a failing connection check, a stalled schedule), or with the provider's multi-tenant app
 * (its credential's expiry). Open until it clears.
 */
export const alertConditions = pgTable(
  "alert_conditions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // Whose condition it is: one connection's, or the provider app's (exactly one of the two is set).
    connectionId: uuid("connection_id").references(() => entraConnections.id, { onDelete: "cascade" }),
    providerAppId: boolean("provider_app_id").references(() => providerApp.id, { onDelete: "cascade" }),
    // What is wrong, per kind where it matters: "sync_failed:users", "secret_expiry", "connection_check", …
    conditionKey: text("condition_key").notNull(),
    // How far it has gone, where that matters: the secret's "30", "7", "1" days or "expired".
    stage: text("stage"),
    // The words the banner and the mail show: what happened and what to do. Never a secret.
    summary: text("summary").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    clearedAt: timestamp("cleared_at", { withTimezone: true }),
  },
  // One open row per condition: raising it again finds that row and mails nobody.
  (t) => [
    uniqueIndex("alert_conditions_one_open")
      .on(t.connectionId, t.conditionKey)
      .where(sql`cleared_at IS NULL`),
    uniqueIndex("alert_conditions_one_open_of_provider_app")
      .on(t.providerAppId, t.conditionKey)
      .where(sql`cleared_at IS NULL`),
    check("alert_conditions_one_subject", sql`num_nonnulls(${t.connectionId}, ${t.providerAppId}) = 1`),
  ],
);

/** One mail per condition event, recorded with the event and claimed (sent_at) before it goes out. */
export const alertMails = pgTable(
  "alert_mails",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conditionId: uuid("condition_id")
      .notNull()
      .references(() => alertConditions.id, { onDelete: "cascade" }),
    kind: alertMailKind("kind").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    // How many superusers it went to; 0 when nobody had alert mail on.
    recipientCount: integer("recipient_count"),
  },
  (t) => [
    index("alert_mails_unsent")
      .on(t.createdAt)
      .where(sql`sent_at IS NULL`),
  ],
);

export type AuditEvent = typeof auditEvents.$inferSelect;
export type AlertCondition = typeof alertConditions.$inferSelect;
export type AlertMail = typeof alertMails.$inferSelect;
