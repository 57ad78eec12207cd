import "server-only";
import { and, eq, getTableColumns, sql, type SQL } from "drizzle-orm";
import { PgDialect, type AnyPgColumn } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { clients, devices, type SyncCounts, type SyncExamples } from "@/db/schema";
import { noCounts, type KnownRecord, type PageDecision, type PageEvent } from "./decide-page";
import type { RunPlan } from "./run-plan";

type RecordTable = typeof clients | typeof devices;

export type PageResult = {
  written: boolean;
  counts: SyncCounts;
  skippedReasons: Record<string, number>;
  examples: SyncExamples;
  nextLink: string | null;
  deltaLink: string | null;
};

// A step's statements run as prepared statements. Unprepared, postgres.js first asks the server for the
// parameter types (a round trip) and the server parses and plans the text again each time; prepared, each
// connection does that once, and every later page sends only its parameters.
const dialect = new PgDialect();

/** Runs a statement written with drizzle's `sql` as a prepared statement. */
export function executePrepared(statement: SQL) {
  const query = dialect.sqlToQuery(statement);
  return db.$client.unsafe(query.sql, query.params as never[], { prepare: true });
}

/**
 * Writes a page only while its run is still running, in one statement (one round trip, atomic on its own):
 * `running` locks the run's row while it is "running", and every part writes only when it found it (`whileRunning`).
 * A run cancelled or taken over writes nothing more, and a cancel waits for a page being written. False when the
 * run has ended.
 */
export async function writeWhileRunning(runId: string, parts: SQL[]): Promise<boolean> {
  const rows = await executePrepared(sql`
    WITH running AS MATERIALIZED (SELECT id FROM sync_runs WHERE id = ${runId}::uuid AND status = 'running' FOR UPDATE),
    ${sql.join(parts, sql`, `)}
    UPDATE sync_runs SET pages_done = pages_done + 1, heartbeat_at = now() WHERE id = (SELECT id FROM running) RETURNING id`);
  return rows.length > 0;
}

/** The condition each part of a page's write holds to: its run is still running (see writeWhileRunning). */
export const whileRunning = sql.raw("EXISTS (SELECT FROM running)");

/** The rows Vertask already has for these Entra objects, keyed by object id. */
export async function knownRecords<F>(
  table: RecordTable,
  connectionId: string,
  objectIds: string[],
  fields: (keyof F)[],
) {
  const columns = getTableColumns(table) as unknown as Record<string, AnyPgColumn>;
  const selection = Object.fromEntries(
    ["id", "entraObjectId", "status", ...(fields as string[])].map((f) => [f, columns[f]]),
  );
  // The ids travel as one array parameter: one statement text for every page, whatever its size.
  const rows = objectIds.length
    ? await db
        .select(selection)
        .from(table)
        .where(
          and(eq(table.connectionId, connectionId), sql`${table.entraObjectId} = ANY(${sql.param(objectIds)}::text[])`),
        )
        .prepare("sync_known_records")
        .execute()
    : [];
  return new Map(rows.map((row) => [row.entraObjectId as string, row as unknown as KnownRecord<F>]));
}

/**
 * A page's rows as one JSON parameter that json_to_recordset reads by property name and type, so a
 * statement's text (and its prepared plan) is the same for every page.
 */
function rowsRecordset(table: RecordTable, rows: object[]) {
  const columns = getTableColumns(table) as unknown as Record<string, AnyPgColumn>;
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))].filter((key) => key !== "id");
  const recordset = sql`json_to_recordset(${JSON.stringify(rows)}::json) AS r(${sql.raw(keys.map((key) => `"${key}" ${columns[key].getSQLType()}`).join(", "))}${sql.raw(rows.some((row) => "id" in row) ? ', "id" uuid' : "")})`;
  return { keys, names: keys.map((key) => columns[key].name), recordset };
}

/** The upsert of a page's new and changed rows, keyed by Entra object. */
function upsertStatement(table: RecordTable, rows: object[], page: { connectionId: string; syncedAt: Date }) {
  const { keys, names, recordset } = rowsRecordset(table, rows);
  const written = ["organization_id", "connection_id", "source", "last_synced_at", "updated_at", ...names];
  const updated = written.filter(
    (name) => !["organization_id", "connection_id", "entra_object_id", "source"].includes(name),
  );
  const syncedAt = page.syncedAt.toISOString();
  // A synced row belongs to its connection's organization.
  return sql`
    INSERT INTO ${sql.raw(tableNameOf(table))} (${sql.raw(written.map((name) => `"${name}"`).join(", "))})
    SELECT (SELECT organization_id FROM entra_connections WHERE id = ${page.connectionId}::uuid), ${page.connectionId}::uuid, 'azure', ${syncedAt}::timestamptz, ${syncedAt}::timestamptz, ${sql.raw(keys.map((key) => `r."${key}"`).join(", "))}
    FROM ${recordset} WHERE ${whileRunning}
    ON CONFLICT (connection_id, entra_object_id) DO UPDATE SET ${sql.raw(updated.map((name) => `"${name}" = excluded."${name}"`).join(", "))}
    RETURNING id, entra_object_id, organization_id`;
}

/**
 * Records added by hand that Entra objects take over: linked, and Entra's fields written over theirs. Only
 * within the connection's own organization (hand-made-matches.ts picks them so; this holds it in the write too).
 */
function adoptStatement(table: RecordTable, rows: object[], page: { connectionId: string; syncedAt: Date }) {
  const { keys, names, recordset } = rowsRecordset(table, rows);
  const syncedAt = page.syncedAt.toISOString();
  const assignments = names.map((name, i) => `"${name}" = r."${keys[i]}"`).join(", ");
  return sql`
    UPDATE ${sql.raw(tableNameOf(table))} t SET connection_id = ${page.connectionId}::uuid, source = 'azure',
      last_synced_at = ${syncedAt}::timestamptz, updated_at = ${syncedAt}::timestamptz, ${sql.raw(assignments)}
    FROM ${recordset}
    WHERE t.id = r.id AND t.source = 'manual' AND t.entra_object_id IS NULL AND ${whileRunning}
      AND t.organization_id = (SELECT organization_id FROM entra_connections WHERE id = ${page.connectionId}::uuid)
    RETURNING t.id, t.entra_object_id, t.organization_id`;
}

const tableNameOf = (table: RecordTable) => (table === clients ? "clients" : "devices");

/**
 * Writes one page atomically: upserts, untouched rows' sync time, pending changes, the page record. A
 * preview (`previewSeen`) writes no row: it records which objects it listed instead.
 */
export async function writePage<F extends object>(
  table: RecordTable,
  run: Pick<RunPlan, "runId" | "connectionId" | "syncedAt">,
  pageIndex: number,
  decision: PageDecision<F>,
  listed: { nextLink: string | null; deltaLink: string | null },
  previewSeen?: string[],
): Promise<PageResult> {
  const { runId, connectionId } = run;
  const syncedAt = new Date(run.syncedAt);
  const page = { connectionId, syncedAt };
  const links = { nextLink: listed.nextLink, deltaLink: listed.deltaLink };
  const result = {
    counts: decision.counts,
    skippedReasons: decision.skippedReasons,
    examples: decision.examples,
    ...links,
  };
  const rows = [...decision.inserts, ...decision.updates];
  const tableName = sql.raw(tableNameOf(table));
  // Each part below touches rows no other part touches (decidePage puts every object in exactly one list).
  const parts: SQL[] = [];
  if (previewSeen?.length) {
    parts.push(
      sql`seen AS (INSERT INTO sync_preview_seen (run_id, object_id) SELECT ${runId}::uuid, unnest(${sql.param(previewSeen)}::text[]) WHERE ${whileRunning} ON CONFLICT DO NOTHING)`,
    );
  }
  const written: SQL[] = [];
  if (rows.length) {
    parts.push(sql`upserted AS (${upsertStatement(table, rows, page)})`);
    written.push(sql`SELECT * FROM upserted`);
  }
  if (decision.adoptions.length) {
    parts.push(sql`adopted AS (${adoptStatement(table, decision.adoptions, page)})`);
    written.push(sql`SELECT * FROM adopted`);
  }
  if (decision.events.length) parts.push(sql`told AS (${pageEventsStatement(table, runId, decision.events, written)})`);
  if (decision.unchangedIds.length) {
    parts.push(
      sql`touched AS (UPDATE ${tableName} SET last_synced_at = ${syncedAt.toISOString()} WHERE id = ANY(${sql.param(decision.unchangedIds)}::uuid[]) AND ${whileRunning})`,
    );
  }
  // A disable or removal an earlier page held is void once a later page brings the object back.
  if (decision.settledObjectIds.length) {
    parts.push(
      sql`settled AS (DELETE FROM sync_pending_changes WHERE run_id = ${runId} AND entra_object_id = ANY(${sql.param(decision.settledObjectIds)}::text[]) AND ${whileRunning})`,
    );
  }
  if (decision.pending.length) {
    const pending = JSON.stringify(
      decision.pending.map((p) => ({ entra_object_id: p.entraObjectId, to_status: p.toStatus, reason: p.reason })),
    );
    parts.push(sql`held AS (
      INSERT INTO sync_pending_changes (run_id, entra_object_id, to_status, reason)
      SELECT ${runId}, p.entra_object_id, p.to_status, p.reason
      FROM json_to_recordset(${pending}::json) AS p(entra_object_id text, to_status record_status, reason text)
      WHERE ${whileRunning}
      ON CONFLICT (run_id, entra_object_id) DO UPDATE SET to_status = excluded.to_status, reason = excluded.reason)`);
  }
  parts.push(sql`page AS (
    INSERT INTO sync_run_pages (run_id, page_index, counts, skipped_reasons, examples, next_link, delta_link)
    SELECT ${runId}, ${pageIndex}, ${JSON.stringify(result.counts)}::jsonb, ${JSON.stringify(result.skippedReasons)}::jsonb,
      ${JSON.stringify(result.examples)}::jsonb, ${links.nextLink}, ${links.deltaLink} WHERE ${whileRunning})`);
  return { written: await writeWhileRunning(runId, parts), ...result };
}

/**
 * A page's history events, appended with the rows they tell of: each joined by its Entra object to the row the
 * page wrote (`written`: what the upsert and the adoption return), so a new record's event has its new id.
 */
function pageEventsStatement(table: RecordTable, runId: string, events: PageEvent[], written: SQL[]) {
  const recordColumn = sql.raw(table === clients ? "client_id" : "device_id");
  const told = JSON.stringify(events.map((e) => ({ o: e.entraObjectId, kind: e.kind, changes: e.changes })));
  return sql`
    INSERT INTO record_events (organization_id, ${recordColumn}, kind, run_id, changes)
    SELECT w.organization_id, w.id, e.kind, ${runId}::uuid, e.changes
    FROM json_to_recordset(${told}::json) AS e(o text, kind record_event_kind, changes jsonb)
    JOIN (${sql.join(written, sql` UNION ALL `)}) w ON w.entra_object_id = e.o`;
}

/**
 * A page of a list a run keeps for its own use (a full devices sync's owners, a group scope's members):
 * `insert` writes the page's entries; with the page's record, one statement, atomic on its own.
 */
export async function writeRunListPage(runId: string, pageIndex: number, insert: SQL | null, nextLink: string | null) {
  const written = await writeWhileRunning(runId, [
    ...(insert ? [sql`listed AS (${insert})`] : []),
    sql`page AS (
      INSERT INTO sync_run_pages (run_id, page_index, counts, skipped_reasons, next_link, delta_link)
      SELECT ${runId}, ${pageIndex}, ${JSON.stringify(noCounts())}::jsonb, '{}'::jsonb, ${nextLink}, NULL WHERE ${whileRunning})`,
  ]);
  return { written };
}
