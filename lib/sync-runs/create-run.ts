import "server-only";
import { db } from "@/db/client";
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
  const [created] = await db.insert(syncRuns).values({ full: false, ...run }).onConflictDoNothing().returning();
  return created ?? null;
}
