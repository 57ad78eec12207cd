import "server-only";
import { and, count, eq } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { entraConnections, syncPendingChanges, syncRuns, type SyncRun } from "@/db/schema";
import {
  applyPendingChanges,
  externalOffReason,
  forgetRunLists,
  holdAbsentRows,
  linkDeviceOwners,
  pendingExamples,
  sumRunPages,
  tableOf,
} from "@/lib/sync/pending-changes";
import type { RunPlan } from "@/lib/sync/run-plan";
import { findConnectionById } from "@/lib/connections";
import { inviteEligibleClients } from "@/lib/portal/create-invitations";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";
import { holdOrganizationDevices, recomputeDeviceAttention } from "@/lib/devices/attention-radar";

/** Stores where the next incremental sync starts, with the "Sync external users" value and scope the run used. */
export async function storeDeltaLink(
  tx: Transaction,
  run: Pick<SyncRun, "kind" | "connectionId" | "deltaLink" | "syncExternalUsers" | "usersScope">,
) {
  if (!run.deltaLink) return;
  const link =
    run.kind === "users"
      ? {
          usersDeltaLink: run.deltaLink,
          usersDeltaWithExternal: run.syncExternalUsers,
          usersDeltaScope: run.usersScope,
        }
      : { devicesDeltaLink: run.deltaLink };
  await tx.update(entraConnections).set(link).where(eq(entraConnections.id, run.connectionId));
}

/**
 * The last step: holds what a full listing did not see, then applies every disable and removal together —
 * unless they pass the review threshold or the listing ended early, when the run waits for a superuser.
 */
export async function finishSyncRun(plan: RunPlan, ending: { deltaLink: string | null }) {
  if (plan.preview) return finishPreview(plan, ending);
  const finished = await finishInTransaction(plan, ending);
  // Superusers hear of a held run, and of a kind syncing again (lib/alerts); a retried step changes nothing.
  await alertOnRunEnded(plan.runId);
  return finished;
}

/** What the pages found, with what the run holds to disable or remove, and whether that needs a review. */
async function tallyRun(tx: Transaction, plan: RunPlan, ending: { deltaLink: string | null }) {
  // A run belongs to its connection (a foreign key): it is there.
  const connection = (await findConnectionById(plan.connectionId, tx))!;
  const endedEarly = !ending.deltaLink;
  if (plan.mode === "full" && !endedEarly) await holdAbsentRows(tx, plan, plan.syncExternalUsers);
  await forgetRunLists(tx, plan.runId);

  const { counts, skippedReasons, examples } = await sumRunPages(tx, plan.runId);
  Object.assign(examples, await pendingExamples(tx, plan));
  const table = tableOf(plan.kind);
  const [{ active }] = await tx
    .select({ active: count() })
    .from(table)
    .where(and(eq(table.connectionId, plan.connectionId), eq(table.source, "azure"), eq(table.status, "active")));
  const pending = await tx
    .select({ toStatus: syncPendingChanges.toStatus, reason: syncPendingChanges.reason })
    .from(syncPendingChanges)
    .where(eq(syncPendingChanges.runId, plan.runId));
  // Guests removed because a superuser turned "Sync external users" off were asked for: they do not count.
  const unexpected = pending.filter((p) => p.reason !== externalOffReason);
  // Measured against the rows that were active before this run: its own creations, restores and matches do not count.
  const activeBefore = Math.max(0, active - (plan.preview ? 0 : counts.created + counts.restored + counts.matched));
  const tooMany = unexpected.length * 100 > activeBefore * connection.reviewThresholdPercent;
  const disabling = unexpected.filter((p) => p.toStatus === "disabled").length;
  const reviewNote = endedEarly
    ? "The listing from Microsoft Graph ended before its last page."
    : tooMany
      ? `This sync would disable ${disabling} and remove ${unexpected.length - disabling} of ${activeBefore} active synced ${plan.kind === "users" ? "clients" : "devices"}, more than ${connection.reviewThresholdPercent}%.`
      : null;
  const finished = { finishedAt: new Date(), counts, skippedReasons, examples, deltaLink: ending.deltaLink };
  return { connection, pending, finished, reviewNote };
}

function finishInTransaction(plan: RunPlan, ending: { deltaLink: string | null }) {
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, plan.runId)).for("update");
    if (run.status !== "running") return { status: run.status, invitations: 0 };
    const { connection, finished, reviewNote } = await tallyRun(tx, plan, ending);
    await holdOrganizationDevices(tx, connection.organizationId);
    const { counts } = finished;
    if (reviewNote) {
      await tx
        .update(syncRuns)
        .set({ ...finished, status: "needs_review", reviewNote })
        .where(eq(syncRuns.id, plan.runId));
      await linkDeviceOwners(tx, plan.connectionId);
      await recomputeDeviceAttention(tx, connection.organizationId);
      // Clients this held run would disable or remove are not invited meanwhile.
      const invitations =
        plan.kind === "users" ? await inviteEligibleClients(tx, connection, { id: plan.runId, held: true }) : 0;
      return { status: "needs_review" as const, counts, invitations };
    }
    const applied = await applyPendingChanges(tx, run);
    counts.disabled += applied.disabled;
    counts.removed += applied.removed;
    await storeDeltaLink(tx, {
      ...run,
      deltaLink: ending.deltaLink,
      syncExternalUsers: plan.syncExternalUsers,
      usersScope: plan.usersScope,
    });
    await linkDeviceOwners(tx, plan.connectionId);
    // Either kind can change a device's reasons: a devices sync its fields, a users sync its owner's status.
    await recomputeDeviceAttention(tx, connection.organizationId);
    await tx
      .update(syncRuns)
      .set({ ...finished, counts, status: "succeeded" })
      .where(eq(syncRuns.id, plan.runId));
    // Clients this sync made eligible for the client portal get their one invitation (sent by the job engine).
    const invitations =
      plan.kind === "users" ? await inviteEligibleClients(tx, connection, { id: plan.runId, held: false }) : 0;
    return { status: "succeeded" as const, counts, invitations };
  });
}

/**
 * A preview's end: what a sync would disable and remove is counted, nothing is applied, no delta link is
 * kept (the sync that follows starts where this preview started), and a review it would need is noted.
 */
function finishPreview(plan: RunPlan, ending: { deltaLink: string | null }) {
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, plan.runId)).for("update");
    if (run.status !== "running") return { status: run.status, invitations: 0 };
    const { pending, finished, reviewNote } = await tallyRun(tx, plan, ending);
    const { counts } = finished;
    counts.disabled += pending.filter((p) => p.toStatus === "disabled").length;
    counts.removed += pending.filter((p) => p.toStatus === "removed").length;
    await tx
      .update(syncRuns)
      .set({
        ...finished,
        counts,
        deltaLink: null,
        status: "succeeded",
        reviewNote: reviewNote && `A sync now would stop for review: ${reviewNote}`,
      })
      .where(eq(syncRuns.id, plan.runId));
    return { status: "succeeded" as const, counts, invitations: 0 };
  });
}
