import "server-only";
import { and, eq, lt, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRuns, type SyncKind, type SyncRun } from "@/db/schema";

type NewRun = {
  connectionId: string;
  kind: SyncKind;
  trigger: SyncRun["trigger"];
  full?: boolean;
  requestedById?: string | null;
  requestedByName?: string | null;
};

/**
 * A run the job engine never started, or lost part-way, would hold the one-run-per-kind lock for ever:
 * after a while it is marked failed, so new syncs can start.
 */
async function failAbandonedRuns(connectionId: string, kind: SyncKind) {
  await db
    .update(syncRuns)
    .set({
      status: "failed",
      finishedAt: new Date(),
      errorCode: "abandoned",
      errorMessage: sql`CASE WHEN ${syncRuns.status} = 'queued' THEN 'The job engine never started this run.' ELSE 'This run stopped without finishing: the job engine lost it.' END`,
    })
    .where(
      and(
        eq(syncRuns.connectionId, connectionId),
        eq(syncRuns.kind, kind),
        or(
          and(eq(syncRuns.status, "queued"), lt(syncRuns.queuedAt, sql`now() - interval '1 hour'`)),
          and(eq(syncRuns.status, "running"), lt(syncRuns.startedAt, sql`now() - interval '6 hours'`)),
        ),
      ),
    );
}

/** Records a queued run before anything starts; null when a run of this kind is already queued or running. */
export async function createSyncRun(run: NewRun): Promise<SyncRun | null> {
  await failAbandonedRuns(run.connectionId, run.kind);
  const [created] = await db.insert(syncRuns).values({ full: false, ...run }).onConflictDoNothing().returning();
  return created ?? null;
}
