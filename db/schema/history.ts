// Each client's and device's story: what every sync, staff member and portal step did to it, and why.
import { sql } from "drizzle-orm";
import { bigint, check, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const recordEventKind = pgEnum("record_event_kind", [
  "created",
  // A client added by hand that a sync took over (same address).
  "matched",
  "changed",
  "disabled",
  "enabled",
  "removed",
  "restored",
  "added_by_hand",
  "edited_by_hand",
  "notes_changed",
  "portal_invited",
  "portal_accepted",
  "portal_revoked",
  "owner_changed",
]);

/** One synced or typed field's change: the values as shown, never Notes' text or a secret. */
export type FieldChange = { field: string; from: string | null; to: string | null };

/**
 * Appended, never updated, in the same transaction as the change it tells of (lib/history). No foreign keys:
 * a sync appends up to 100,000 at once, and a key would look up each; records, runs and organizations are
 * never deleted (a removal is a status), and a staff member's name is kept with the event.
 */
export const recordEvents = pgTable(
  "record_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    organizationId: uuid("organization_id").notNull(),
    clientId: uuid("client_id"),
    deviceId: uuid("device_id"),
    kind: recordEventKind("kind").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    runId: uuid("run_id"),
    staffId: uuid("staff_id"),
    staffName: text("staff_name"),
    reason: text("reason"),
    changes: jsonb("changes").$type<FieldChange[]>(),
  },
  (t) => [
    index("record_events_of_client")
      .on(t.clientId, t.id)
      .where(sql`client_id IS NOT NULL`),
    index("record_events_of_device")
      .on(t.deviceId, t.id)
      .where(sql`device_id IS NOT NULL`),
    index("record_events_of_run")
      .on(t.runId, t.id)
      .where(sql`run_id IS NOT NULL`),
    // The daily pruning finds old events by time; appended in time order, a BRIN index stays tiny.
    index("record_events_at").using("brin", t.at),
    check("record_events_one_record", sql`num_nonnulls(${t.clientId}, ${t.deviceId}) = 1`),
  ],
);

export type RecordEvent = typeof recordEvents.$inferSelect;
export type RecordEventKind = (typeof recordEventKind.enumValues)[number];
