import "server-only";
import { and, count, eq } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { entraConnections, syncPendingChanges, syncRuns, type SyncRun } from "@/db/schema";
import {
  applyPendingChanges, externalOffReason, forgetListedOwners, holdAbsentRows, linkDeviceOwners, sumRunPages, tableOf,
} from "@/lib/sync/pending-changes";
import type { RunPlan } from "@/lib/sync/run-plan";
import { inviteEligibleClients } from "@/lib/portal/create-invitations";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";

/** Stores where the next incremental sync starts, with the "Sync external users" value the run used. */
export async function storeDeltaLink(tx: Transaction, run: Pick<SyncRun, "kind" | "connectionId" | "deltaLink" | "syncExternalUsers">) {
  if (!run.deltaLink) return;
  const link = run.kind === "users"
    ? { usersDeltaLink: run.deltaLink, usersDeltaWithExternal: run.syncExternalUsers }
    : { devicesDeltaLink: run.deltaLink };
  await tx.update(entraConnections).set(link).where(eq(entraConnections.id, run.connectionId));
}

/**
 * The last step: holds what a full listing did not see, then applies every disable and removal together —
 * unless they pass the review threshold or the listing ended early, when the run waits for a superuser.
 */
export async function finishSyncRun(plan: RunPlan, ending: { deltaLink: string | null }) {
  const finished = await finishInTransaction(plan, ending);
  // Superusers hear of a held run, and of a kind syncing again (lib/alerts); a retried step changes nothing.
  await alertOnRunEnded(plan.runId);
  return finished;
}

function finishInTransaction(plan: RunPlan, ending: { deltaLink: string | null }) {
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, plan.runId)).for("update");
    if (run.status !== "running") return { status: run.status, invitations: 0 };
    const [connection] = await tx.select().from(entraConnections).where(eq(entraConnections.id, plan.connectionId));
    await forgetListedOwners(tx, plan.runId);
    const endedEarly = !ending.deltaLink;
    if (plan.mode === "full" && !endedEarly) await holdAbsentRows(tx, plan, plan.syncExternalUsers);

    const { counts, skippedReasons } = await sumRunPages(tx, plan.runId);
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
    // Measured against the rows that were active before this run: its own creations and restores do not count.
    const activeBefore = Math.max(0, active - counts.created - counts.restored);
    const tooMany = unexpected.length * 100 > activeBefore * connection.reviewThresholdPercent;
    const finished = { finishedAt: new Date(), counts, skippedReasons, deltaLink: ending.deltaLink };

    if (endedEarly || tooMany) {
      const disabling = unexpected.filter((p) => p.toStatus === "disabled").length;
      const reviewNote = endedEarly
        ? "The listing from Microsoft Graph ended before its last page."
        : `This sync would disable ${disabling} and remove ${unexpected.length - disabling} of ${activeBefore} active synced ${plan.kind === "users" ? "clients" : "devices"}, more than ${connection.reviewThresholdPercent}%.`;
      await tx.update(syncRuns).set({ ...finished, status: "needs_review", reviewNote }).where(eq(syncRuns.id, plan.runId));
      await linkDeviceOwners(tx, plan.connectionId);
      // Clients this held run would disable or remove are not invited meanwhile.
      const invitations = plan.kind === "users" ? await inviteEligibleClients(tx, connection, plan.runId) : 0;
      return { status: "needs_review" as const, counts, invitations };
    }
    const applied = await applyPendingChanges(tx, run);
    counts.disabled += applied.disabled;
    counts.removed += applied.removed;
    await storeDeltaLink(tx, { ...run, deltaLink: ending.deltaLink, syncExternalUsers: plan.syncExternalUsers });
    await linkDeviceOwners(tx, plan.connectionId);
    await tx.update(syncRuns).set({ ...finished, counts, status: "succeeded" }).where(eq(syncRuns.id, plan.runId));
    // Clients this sync made eligible for the client portal get their one invitation (sent by the job engine).
    const invitations = plan.kind === "users" ? await inviteEligibleClients(tx, connection) : 0;
    return { status: "succeeded" as const, counts, invitations };
  });
}
