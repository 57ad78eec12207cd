import "server-only";
import { and, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { runIsActive } from "@/db/run-filters";
import { syncRuns, type SyncKind, type SyncRun } from "@/db/schema";
import { takeOverOrphanedRuns } from "./run-owner";

type NewRun = {
  connectionId: string;
  kind: SyncKind;
  trigger: SyncRun["trigger"];
  full?: boolean;
  preview?: boolean;
  requestedById?: string | null;
  requestedByName?: string | null;
};

/**
 * Records a queued run before anything starts; null when a run of this kind is already queued or running
 * with a live owner. A run whose owner is gone is marked failed first (lib/sync-runs/run-owner.ts).
 */
export async function createSyncRun(run: NewRun, { holdingCommandLineLock = false } = {}): Promise<SyncRun | null> {
  await takeOverOrphanedRuns(run.connectionId, run.kind, { holdingCommandLineLock });
  const [created] = await db
    .insert(syncRuns)
    .values({ full: false, ...run })
    .onConflictDoNothing()
    .returning();
  return created ?? null;
}

const pairKey = (run: { connectionId: string; kind: SyncKind }) => `${run.connectionId}/${run.kind}`;

/**
 * The same as createSyncRun for many runs (the schedule's, one per due connection and kind), in one insert:
 * owners are looked for only where a run of that connection and kind is still queued or running.
 * Answers in the order asked, null where a run with a live owner is still active.
 */
export async function createSyncRuns(runs: NewRun[]): Promise<(SyncRun | null)[]> {
  if (runs.length === 0) return [];
  const wanted = new Set(runs.map(pairKey));
  const active = await db
    .selectDistinct({ connectionId: syncRuns.connectionId, kind: syncRuns.kind })
    .from(syncRuns)
    .where(and(runIsActive, inArray(syncRuns.connectionId, [...new Set(runs.map((run) => run.connectionId))])));
  for (const pair of active.filter((pair) => wanted.has(pairKey(pair))))
    await takeOverOrphanedRuns(pair.connectionId, pair.kind);
  const created = await db
    .insert(syncRuns)
    .values(runs.map((run) => ({ full: false, ...run })))
    .onConflictDoNothing()
    .returning();
  const byPair = new Map(created.map((run) => [pairKey(run), run]));
  return runs.map((run) => byPair.get(pairKey(run)) ?? null);
}
