import "server-only";
import { and, count, eq, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { clients, devices, entraConnections, syncPendingChanges, syncRunPages, syncRuns, type SyncCounts, type SyncRun } from "@/db/schema";
import { noCounts } from "./decide-page";
import type { RunPlan } from "./run-context";
import { inviteEligibleClients } from "@/lib/portal/create-invitations";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";

export const externalOffReason = "external user (Sync external users is off)";

const tableOf = (kind: SyncRun["kind"]) => (kind === "users" ? clients : devices);

function addCounts(into: SyncCounts, from: SyncCounts) {
  for (const key of Object.keys(into) as (keyof SyncCounts)[]) into[key] += from[key] ?? 0;
}

/** What a run's written pages did, added up. */
export async function sumRunPages(tx: Transaction, runId: string) {
  const counts = noCounts();
  const skippedReasons: Record<string, number> = {};
  for (const page of await tx.select().from(syncRunPages).where(eq(syncRunPages.runId, runId))) {
    addCounts(counts, page.counts);
    for (const [reason, n] of Object.entries(page.skippedReasons)) skippedReasons[reason] = (skippedReasons[reason] ?? 0) + n;
  }
  return { counts, skippedReasons };
}

/** A full listing saw every object in Entra: the synced rows it did not see are gone from Entra. */
async function holdAbsentRows(tx: Transaction, plan: RunPlan, syncExternalUsers: boolean) {
  const table = plan.kind === "users" ? "clients" : "devices";
  const externalOff = plan.kind === "users" && !syncExternalUsers;
  await tx.execute(sql`
    INSERT INTO sync_pending_changes (run_id, entra_object_id, to_status, reason)
    SELECT ${plan.runId}, entra_object_id, 'removed',
      CASE WHEN ${externalOff} AND ${sql.raw(plan.kind === "users" ? "is_external" : "false")}
        THEN ${externalOffReason} ELSE 'no longer in Microsoft Entra' END
    FROM ${sql.raw(table)}
    WHERE connection_id = ${plan.connectionId} AND source = 'azure' AND status <> 'removed'
      AND (last_synced_at IS NULL OR last_synced_at < ${plan.syncedAt})
    ON CONFLICT (run_id, entra_object_id) DO NOTHING`);
}

/** Applies a run's held disables and removals; returns how many of each. */
export async function applyPendingChanges(tx: Transaction, run: Pick<SyncRun, "id" | "kind" | "connectionId">) {
  const table = sql.raw(run.kind === "users" ? "clients" : "devices");
  const applied = await tx.execute<{ to_status: "disabled" | "removed"; n: number }>(sql`
    WITH changed AS (
      UPDATE ${table} t SET status = p.to_status, updated_at = now()
      FROM sync_pending_changes p
      WHERE p.run_id = ${run.id} AND t.connection_id = ${run.connectionId} AND t.entra_object_id = p.entra_object_id
        AND t.status <> p.to_status
      RETURNING p.to_status)
    SELECT to_status, count(*)::int AS n FROM changed GROUP BY to_status`);
  const result = { disabled: 0, removed: 0 };
  for (const row of applied) result[row.to_status] = row.n;
  return result;
}

/** Devices point at their owner's client once both are synced, whichever came first; none when the owner is not a client. */
export async function linkDeviceOwners(tx: Transaction, connectionId: string) {
  await tx.execute(sql`
    WITH owners AS (
      SELECT d.id, c.id AS client_id FROM devices d
      LEFT JOIN clients c ON c.connection_id = d.connection_id AND c.entra_object_id = d.owner_entra_object_id
      WHERE d.connection_id = ${connectionId} AND d.source = 'azure')
    UPDATE devices SET owner_client_id = owners.client_id
    FROM owners WHERE devices.id = owners.id AND devices.owner_client_id IS DISTINCT FROM owners.client_id`);
}

/** The owners a full devices sync listed are written with the devices by now: drop them, and any a failed run left. */
async function forgetListedOwners(tx: Transaction, runId: string) {
  await tx.execute(sql`
    DELETE FROM sync_device_owners o USING sync_runs r
    WHERE o.run_id = r.id AND (r.id = ${runId} OR r.status NOT IN ('queued', 'running'))`);
}

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
