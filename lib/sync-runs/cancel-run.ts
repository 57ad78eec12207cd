import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { runIsActive } from "@/db/run-filters";
import { syncRuns } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { sumRunPages } from "@/lib/sync/pending-changes";
import { syncCancelRequested } from "@/lib/job-engine/events";
import { sendJobEvent } from "@/lib/job-engine/send-event";

/**
 * Ends a queued or running run as cancelled, with the counts of the pages it wrote. Those pages stay (each
 * was written whole); the disables and removals it held are never applied, and its delta link is not kept,
 * so the next sync reads those changes again. Null when the run had already ended.
 */
export async function endRunAsCancelled(runId: string, note: string) {
  return db.transaction(async (tx) => {
    // Taken after any page being written commits (the page write holds this row).
    const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, runId)).for("update");
    if (!run || (run.status !== "queued" && run.status !== "running")) return null;
    const { counts, skippedReasons } = await sumRunPages(tx, runId);
    const [cancelled] = await tx
      .update(syncRuns)
      .set({
        status: "cancelled",
        finishedAt: new Date(),
        counts,
        skippedReasons,
        errorCode: "cancelled",
        errorMessage: note,
      })
      .where(and(eq(syncRuns.id, runId), runIsActive))
      .returning();
    return cancelled;
  });
}

/**
 * "Cancel sync": a superuser ends a queued or running sync. The database says it is cancelled at once (a
 * page being written finishes first, and no further page is written); the job engine is told too, so it
 * stops the function between steps, and when it cannot be reached the function stops at its next page.
 */
export async function cancelSync(actor: Actor, runId: string) {
  authorize(actor, "superuser");
  const cancelled = await endRunAsCancelled(runId, `Cancelled by ${actor.name}.`);
  if (!cancelled) throw new ActionRefused("This sync has already ended.");
  await db.transaction((tx) =>
    recordAuditEventAbout(
      tx,
      { connectionId: cancelled.connectionId },
      actor,
      `azure.${cancelled.kind}.sync-cancelled`,
      `Cancelled a sync of ${cancelled.kind}`,
    ),
  );
  if (cancelled.trigger !== "command_line") {
    await sendJobEvent(syncCancelRequested.create({ runId }, { id: `cancel-${runId}` })).catch(() => {});
  }
  return cancelled;
}
