import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices, type FieldChange, type RecordEventKind, type SyncRun } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { matchesSearch, pageSize } from "@/lib/lists/search-pattern";
import { COUNTED_MATCHES_LIMIT, totalOfCollected, type ListTotal } from "@/lib/lists/list-total";
import { runActions, type RunChangesQuery } from "./run-changes-query";

/** The run a page lists the changes of, found for its organization (lib/sync-runs' getSyncRun). */
export type ListedRun = Pick<SyncRun, "id" | "kind" | "connectionId" | "status">;

/** One change a run made (an event of a record's history) or holds back for review (a pending change). */
export type RunChange = {
  key: string;
  action: RecordEventKind | "held_disabled" | "held_removed";
  reason: string | null;
  changes: FieldChange[] | null;
  at: Date | null;
  recordId: string;
  name: string;
};

const tableOf = (run: ListedRun) => (run.kind === "users" ? clients : devices);

/**
 * The matching changes as one query: the run's events (by its index record_events_of_run), in the order it made
 * them, after what it holds back (only while it waits for review: applied, they are events too), by name.
 */
function runChangesStatement(run: ListedRun, filter: Omit<RunChangesQuery, "page">): SQL {
  const table = tableOf(run);
  const recordColumn = sql.raw(run.kind === "users" ? "client_id" : "device_id");
  const named = filter.q ? sql`AND ${matchesSearch(table.searchText, filter.q)}` : sql``;
  const because = (alias: string) => (filter.reason ? sql`AND ${sql.raw(alias)}.reason = ${filter.reason}` : sql``);
  const parts: SQL[] = [];
  if (filter.action !== "held") {
    const kinds = filter.action
      ? sql`AND e.kind::text = ANY(${sql.param([...runActions[filter.action]])}::text[])`
      : sql``;
    parts.push(sql`
      SELECT e.id::text AS key, e.kind::text AS action, e.reason, e.changes, e.at, ${table.id} AS record_id,
        ${table.displayName} AS name, 1 AS part, e.id AS ord
      FROM record_events e JOIN ${table} ON ${table.id} = e.${recordColumn}
      WHERE e.run_id = ${run.id} ${kinds} ${because("e")} ${named}`);
  }
  if (run.status === "needs_review" && (!filter.action || filter.action === "held")) {
    parts.push(sql`
      SELECT 'held-' || p.entra_object_id AS key, 'held_' || p.to_status::text AS action, p.reason,
        NULL::jsonb AS changes, NULL::timestamptz AS at, ${table.id} AS record_id, ${table.displayName} AS name,
        0 AS part, 0::bigint AS ord
      FROM sync_pending_changes p
      JOIN ${table} ON ${table.connectionId} = ${run.connectionId} AND ${table.entraObjectId} = p.entra_object_id
      WHERE p.run_id = ${run.id} ${because("p")} ${named}`);
  }
  if (!parts.length) return sql`SELECT NULL AS key WHERE false`;
  return sql.join(parts, sql` UNION ALL `);
}

type ChangeRow = {
  key: string;
  action: RunChange["action"];
  reason: string | null;
  changes: FieldChange[] | null;
  at: string | Date | null;
  record_id: string;
  name: string;
};

const asChange = (row: ChangeRow): RunChange => ({
  key: row.key,
  action: row.action,
  reason: row.reason,
  changes: row.changes,
  at: row.at === null ? null : new Date(row.at),
  recordId: row.record_id,
  name: row.name,
});

async function changesAt(run: ListedRun, filter: Omit<RunChangesQuery, "page">, offset: number, limit: number) {
  const rows = await db.execute<ChangeRow>(sql`
    SELECT * FROM (${runChangesStatement(run, filter)}) c ORDER BY part, ord, name, key
    LIMIT ${limit} OFFSET ${offset}`);
  return rows.map(asChange);
}

/** A page of a run's changes, with how many match (counted up to COUNTED_MATCHES_LIMIT). */
export async function listRunChanges(
  actor: Actor,
  run: ListedRun,
  query: RunChangesQuery,
): Promise<{ rows: RunChange[]; total: ListTotal }> {
  authorize(actor, "superuser");
  const [rows, [{ n }]] = await Promise.all([
    changesAt(run, query, (query.page - 1) * pageSize, pageSize),
    db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM (${runChangesStatement(run, query)} LIMIT ${COUNTED_MATCHES_LIMIT + 1}) c`,
    ),
  ]);
  return { rows, total: totalOfCollected(n) };
}

/** The reasons a run gave for what it disabled, removed or held back: the choices of its page's reason filter. */
export async function runChangeReasons(actor: Actor, run: ListedRun): Promise<string[]> {
  authorize(actor, "superuser");
  const held =
    run.status === "needs_review" ? sql`UNION SELECT reason FROM sync_pending_changes WHERE run_id = ${run.id}` : sql``;
  const rows = await db.execute<{ reason: string }>(sql`
    SELECT reason FROM record_events WHERE run_id = ${run.id} AND reason IS NOT NULL ${held} ORDER BY reason`);
  return rows.map((row) => row.reason);
}

/** Rows an export reads at a time. */
const EXPORT_BATCH = 2000;

/** Every matching change of a run (not one page), in the page's order, read in batches. */
export async function* allRunChanges(actor: Actor, run: ListedRun, filter: Omit<RunChangesQuery, "page">) {
  authorize(actor, "superuser");
  for (let offset = 0; ; offset += EXPORT_BATCH) {
    const rows = await changesAt(run, filter, offset, EXPORT_BATCH);
    yield rows;
    if (rows.length < EXPORT_BATCH) return;
  }
}
