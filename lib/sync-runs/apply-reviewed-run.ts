import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { queuedAfter } from "@/db/run-filters";
import { syncRuns } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { applyPendingChanges, linkDeviceOwners } from "@/lib/sync/pending-changes";
import { storeDeltaLink } from "./finish-run";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";
import { holdOrganizationDevices, recomputeDeviceAttention } from "@/lib/devices/attention-radar";
import { findConnectionById } from "@/lib/connections";

/** "Apply anyway": a superuser applies the disables and removals a run held for review. */
export async function applyReviewedRun(actor: Actor, runId: string) {
  authorize(actor, "superuser");
  const applied = await db.transaction(async (tx) => {
    const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, runId)).for("update");
    if (!run || run.status !== "needs_review") throw new ActionRefused("This run is not waiting for review.");
    const [newer] = await tx
      .select({ id: syncRuns.id })
      .from(syncRuns)
      .where(queuedAfter(run))
      .orderBy(desc(syncRuns.queuedAt))
      .limit(1);
    if (newer) throw new ActionRefused("A newer sync has run since: review that one instead.");
    // A run belongs to its connection (a foreign key): it is there.
    const { organizationId } = (await findConnectionById(run.connectionId, tx))!;
    await holdOrganizationDevices(tx, organizationId);
    const applied = await applyPendingChanges(tx, run, { id: actor.id, name: actor.name });
    await storeDeltaLink(tx, run);
    await linkDeviceOwners(tx, run.connectionId);
    await recomputeDeviceAttention(tx, organizationId);
    const counts = {
      ...run.counts!,
      disabled: run.counts!.disabled + applied.disabled,
      removed: run.counts!.removed + applied.removed,
    };
    await tx
      .update(syncRuns)
      .set({
        status: "succeeded",
        counts,
        reviewNote: `${run.reviewNote} Applied anyway by ${actor.name}: ${applied.disabled} disabled, ${applied.removed} removed.`,
      })
      .where(eq(syncRuns.id, runId));
    const summary = `Applied a held ${run.kind} sync: ${applied.disabled} disabled, ${applied.removed} removed`;
    await recordAuditEventAbout(
      tx,
      { connectionId: run.connectionId },
      actor,
      `azure.${run.kind}.review-applied`,
      summary,
    );
    return applied;
  });
  // The run now counts as succeeded: its "needs review" alert clears, with one mail saying so.
  await alertOnRunEnded(runId);
  return applied;
}
