import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { syncRuns, type SyncKind, type SyncRun } from "./schema";

// Conditions on sync_runs that several parts of a run's life ask the same way.

/** A run still queued or running: it holds the one place a run of its connection and kind has. */
export const runIsActive = inArray(syncRuns.status, ["queued", "running"]);

/** The active runs of one connection and kind (at most one, unless its owner is gone). */
export const activeRunsOf = (connectionId: string, kind: SyncKind) =>
  and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.kind, kind), runIsActive);

/**
 * The runs (previews aside) of the same connection and kind queued after `run`: the ones that speak for the
 * present. Compared in SQL: a JavaScript Date would drop the microseconds and find the run itself.
 */
export const queuedAfter = (run: Pick<SyncRun, "id" | "connectionId" | "kind">) =>
  and(
    eq(syncRuns.connectionId, run.connectionId),
    eq(syncRuns.kind, run.kind),
    eq(syncRuns.preview, false),
    gt(syncRuns.queuedAt, sql`(SELECT queued_at FROM sync_runs WHERE id = ${run.id})`),
  );
