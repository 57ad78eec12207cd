import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { queuedAfter } from "@/db/run-filters";
import { syncRuns, type SyncRun } from "@/db/schema";
import { needsReviewKey, scheduleStalledKey, syncFailedKey } from "./conditions";
import { deliverPendingAlertMail, shortReason } from "./deliver-mail";
import { clearConditions, raiseCondition } from "./raise-and-clear";
import { needsReviewSummary, syncFailedSummary } from "./wording";

const reportedEnds: SyncRun["status"][] = ["succeeded", "failed", "needs_review"];

/** A run of the same kind that was queued later and has ended already speaks for the present; this one is old news. */
async function laterRunHasEnded(run: SyncRun) {
  const [later] = await db
    .select({ id: syncRuns.id })
    .from(syncRuns)
    .where(and(queuedAfter(run), inArray(syncRuns.status, reportedEnds)))
    .limit(1);
  return Boolean(later);
}

async function updateConditionsForRun(runId: string) {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  // A cancelled run or a preview says nothing about syncs: it neither raises nor clears anything.
  if (!run || run.preview || !reportedEnds.includes(run.status) || (await laterRunHasEnded(run))) return;
  const now = run.finishedAt ?? new Date();
  const subject = { connectionId: run.connectionId };
  const { kind } = run;
  if (run.status === "succeeded") {
    await clearConditions(subject, [syncFailedKey(kind), needsReviewKey(kind), scheduleStalledKey(kind)], now);
  } else if (run.status === "failed") {
    await raiseCondition(
      { subject, key: syncFailedKey(kind), summary: syncFailedSummary(kind, run.errorMessage) },
      now,
    );
  } else {
    await raiseCondition(
      { subject, key: needsReviewKey(kind), summary: needsReviewSummary(kind, run.reviewNote) },
      now,
    );
  }
}

/**
 * Call after a sync run reaches an end state (succeeded, failed, needs_review, cancelled), and after
 * "Apply anyway" commits. A failed run opens "sync failed" for its kind, a held run "needs review"; a
 * succeeded run clears both and "schedule stalled" for its kind; a cancelled run changes nothing. Then it
 * tries to send the mail waiting. Calling it twice for one run is harmless. It never throws: a problem is
 * logged in one line and the mail stays waiting for the next attempt.
 */
export async function alertOnRunEnded(runId: string): Promise<void> {
  try {
    await updateConditionsForRun(runId);
  } catch (error) {
    console.error(`Alerts for sync run ${runId} could not be updated: ${shortReason(error)}`);
  }
  try {
    await deliverPendingAlertMail();
  } catch (error) {
    console.error(`Alert mail could not be delivered after sync run ${runId}: ${shortReason(error)}`);
  }
}
