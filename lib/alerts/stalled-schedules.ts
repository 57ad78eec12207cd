import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { SyncFrequency, SyncKind } from "@/db/schema";
import { hoursBetweenSyncs, readyToSyncSql } from "@/lib/connections";
import { scheduleStalledKey } from "./conditions";
import { raiseConditions, type Raise } from "./raise-and-clear";
import { scheduleStalledSummary } from "./wording";

type Failing = {
  connection_id: string;
  kind: SyncKind;
  sync_frequency: Exclude<SyncFrequency, "manual">;
  since: string;
};

/**
 * For every scheduled connection and kind, in one query: when the first scheduled run since the last success was
 * queued, the moment scheduled syncs of that kind stopped succeeding (none when nothing was scheduled since: a
 * schedule just turned on is not stalled). Kinds with "sync failed", "needs review" or "schedule stalled" open
 * are left out: that problem has had its mail. Both looks at the runs go through their (connection, kind,
 * queued_at) index, so the query grows with the connections, not with their history.
 */
async function failingSchedules(): Promise<Failing[]> {
  const rows = await db.execute<Failing>(sql`
    SELECT entra_connections.id AS connection_id, k.kind, entra_connections.sync_frequency, first_failing.since::text AS since
    FROM entra_connections
    CROSS JOIN (VALUES ('users'::sync_kind), ('devices'::sync_kind)) AS k(kind)
    LEFT JOIN LATERAL (
      SELECT queued_at FROM sync_runs
      WHERE connection_id = entra_connections.id AND kind = k.kind AND NOT preview AND status = 'succeeded'
      ORDER BY queued_at DESC LIMIT 1
    ) last_success ON true
    CROSS JOIN LATERAL (
      SELECT min(queued_at) AS since FROM sync_runs
      WHERE connection_id = entra_connections.id AND kind = k.kind AND NOT preview AND trigger = 'scheduled'
        AND queued_at > coalesce(last_success.queued_at, '-infinity')
    ) first_failing
    WHERE entra_connections.sync_frequency <> 'manual' AND ${readyToSyncSql}
      AND first_failing.since IS NOT NULL
      AND NOT EXISTS (
        SELECT 1 FROM alert_conditions a
        WHERE a.connection_id = entra_connections.id AND a.cleared_at IS NULL
          AND a.condition_key IN ('sync_failed:' || k.kind, 'needs_review:' || k.kind, 'schedule_stalled:' || k.kind)
      )`);
  return [...rows];
}

/**
 * Opens "schedule stalled" for each connection and kind whose scheduled syncs have not succeeded for two
 * intervals in a row: runs stuck queued, cancelled, or never picked up by the job engine. It clears when a sync
 * succeeds. Every connection in one query, every condition opened in one transaction.
 */
export async function evaluateStalledSchedules(now: Date) {
  const raises: Raise[] = (await failingSchedules()).flatMap((row) => {
    const since = new Date(row.since);
    // Continuously runs only when Entra changed: two hours of its runs failing is the stall.
    const interval = row.sync_frequency === "continuous" ? 1 : hoursBetweenSyncs[row.sync_frequency];
    if (now.getTime() - since.getTime() < 2 * interval * 3_600_000) return [];
    return [
      {
        subject: { connectionId: row.connection_id },
        key: scheduleStalledKey(row.kind),
        summary: scheduleStalledSummary(row.kind, row.sync_frequency, since),
      },
    ];
  });
  const outcomes = await raiseConditions(raises, now);
  return outcomes.filter((outcome) => outcome === "opened").length;
}
