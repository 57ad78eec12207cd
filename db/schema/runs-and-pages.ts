// Sync runs of users or devices, and what each page step and each run keeps while it works.
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { recordStatus } from "./clients-and-devices";
import { entraConnections, type UsersScope } from "./organizations-and-connections";
import { staffUsers } from "./staff";

export const syncKind = pgEnum("sync_kind", ["users", "devices"]);
export const syncTrigger = pgEnum("sync_trigger", ["manual", "scheduled", "command_line"]);
export const syncRunStatus = pgEnum("sync_run_status", [
  "queued",
  "running",
  "succeeded",
  "failed",
  "needs_review",
  "cancelled",
]);

export type SyncCounts = {
  created: number;
  updated: number;
  disabled: number;
  removed: number;
  restored: number;
  unchanged: number;
  skipped: number;
  /** Users linked to a client added by hand with the same address, instead of creating another. */
  matched: number;
};

/** The first few names behind each count ("created", "removed", …) and each skip reason. */
export type SyncExamples = Record<string, string[]>;

/** One sync of users or devices: recorded before it starts, updated as pages finish. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => entraConnections.id),
    kind: syncKind("kind").notNull(),
    trigger: syncTrigger("trigger").notNull(),
    full: boolean("full").notNull().default(false),
    // "Sync external users" as it was when the run began: the whole run follows that one value.
    syncExternalUsers: boolean("sync_external_users"),
    // The users scope as it was when the run began (users runs only).
    usersScope: jsonb("users_scope").$type<UsersScope>(),
    // A preview computes what a users sync would do and writes no client.
    preview: boolean("preview").notNull().default(false),
    requestedById: uuid("requested_by_id").references(() => staffUsers.id, { onDelete: "set null" }),
    requestedByName: text("requested_by_name"),
    status: syncRunStatus("status").notNull().default("queued"),
    queuedAt: timestamp("queued_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    // Refreshed by whatever runs the sync (every page, and every few seconds while a step works): a run
    // whose heartbeat stops has lost its owner and is taken over (lib/sync-runs/run-owner.ts).
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }),
    pagesDone: integer("pages_done").notNull().default(0),
    // Seconds the run waited because Graph throttled it (Retry-After), added up over its steps.
    graphWaitSeconds: integer("graph_wait_seconds").notNull().default(0),
    counts: jsonb("counts").$type<SyncCounts>(),
    skippedReasons: jsonb("skipped_reasons").$type<Record<string, number>>(),
    examples: jsonb("examples").$type<SyncExamples>(),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    // A finished listing's delta link; stored on the connection once the run's changes are applied.
    deltaLink: text("delta_link"),
    reviewNote: text("review_note"),
    // What a devices run says of Intune when it changed since the last run (permission missing, or back).
    intuneNote: text("intune_note"),
  },
  (t) => [
    index("sync_runs_latest").on(t.connectionId, t.kind, t.queuedAt),
    // At most one queued or running sync of each kind per connection.
    uniqueIndex("sync_runs_one_active")
      .on(t.connectionId, t.kind)
      .where(sql`status IN ('queued', 'running')`),
  ],
);

/** What each page step wrote, so a retried step returns the same counts and writes nothing twice. */
export const syncRunPages = pgTable(
  "sync_run_pages",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    pageIndex: integer("page_index").notNull(),
    counts: jsonb("counts").$type<SyncCounts>().notNull(),
    skippedReasons: jsonb("skipped_reasons").$type<Record<string, number>>().notNull(),
    examples: jsonb("examples").$type<SyncExamples>().notNull().default({}),
    nextLink: text("next_link"),
    deltaLink: text("delta_link"),
  },
  (t) => [primaryKey({ columns: [t.runId, t.pageIndex] })],
);

/** Disables and removals a run found, applied together at its end (or held for review). */
export const syncPendingChanges = pgTable(
  "sync_pending_changes",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    entraObjectId: text("entra_object_id").notNull(),
    toStatus: recordStatus("to_status").notNull(),
    reason: text("reason").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.entraObjectId] })],
);

/** The users in a group-scoped run's chosen groups, listed before the users; kept for the run only. */
export const syncScopeMembers = pgTable(
  "sync_scope_members",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    objectId: text("object_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.objectId] })],
);

/** The users a preview listed: what a sync would mark synced, so the preview can tell who is gone from Entra. */
export const syncPreviewSeen = pgTable(
  "sync_preview_seen",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    objectId: text("object_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.objectId] })],
);

/**
 * The managed devices a devices sync's Intune listing has listed so far: at its last page, a device with Intune
 * details that is not among them is no longer managed. Kept for the run only; a device row is rewritten only when
 * Intune changed something of it.
 */
export const syncIntuneListed = pgTable(
  "sync_intune_listed",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    intuneDeviceId: text("intune_device_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.intuneDeviceId] })],
);

/**
 * The delta rounds of a connection syncing continuously, one row per kind: when one was last asked for, whether
 * one is checking Graph now, and what the last check found. A check that finds nothing writes only here, never a
 * run; one that finds changes starts a run, recorded in sync_runs as any other.
 */
export const deltaChecks = pgTable(
  "delta_checks",
  {
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => entraConnections.id, { onDelete: "cascade" }),
    kind: syncKind("kind").notNull(),
    // The latest request (a notification, a lifecycle notification or the minute's poll), and why it came.
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull(),
    requestedFor: text("requested_for").notNull(),
    // Set while a check asks Graph; a request that comes meanwhile makes the check go round once more.
    checkingSince: timestamp("checking_since", { withTimezone: true }),
    checkedAt: timestamp("checked_at", { withTimezone: true }),
    // Whether the last check found changes (and started a run for them).
    foundChanges: boolean("found_changes"),
    // Why the last check could not ask Graph, in an administrator's words (never a secret); null when it could.
    problem: text("problem"),
  },
  (t) => [primaryKey({ columns: [t.connectionId, t.kind] })],
);

export type SyncRun = typeof syncRuns.$inferSelect;
export type SyncKind = (typeof syncKind.enumValues)[number];
