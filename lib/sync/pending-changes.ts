import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { clients, devices, syncRunPages, type SyncCounts, type SyncExamples, type SyncRun } from "@/db/schema";
import { addExample, EXAMPLES_PER_KIND, noCounts } from "./decide-page";
import type { RunPlan } from "./run-plan";

// What a run's pages leave to do at its end, on the synced rows: the counts they add up to, the rows a full
// listing did not see, the disables and removals held until then, and the owners' links.

export const externalOffReason = "external user (Sync external users is off)";

export const tableOf = (kind: SyncRun["kind"]) => (kind === "users" ? clients : devices);

function addCounts(into: SyncCounts, from: SyncCounts) {
  for (const key of Object.keys(into) as (keyof SyncCounts)[]) into[key] += from[key] ?? 0;
}

/** What a run's written pages did, added up, with the first names behind each count. */
export async function sumRunPages(tx: Transaction, runId: string) {
  const counts = noCounts();
  const skippedReasons: Record<string, number> = {};
  const examples: SyncExamples = {};
  const pages = await tx
    .select()
    .from(syncRunPages)
    .where(eq(syncRunPages.runId, runId))
    .orderBy(syncRunPages.pageIndex);
  for (const page of pages) {
    addCounts(counts, page.counts);
    for (const [reason, n] of Object.entries(page.skippedReasons))
      skippedReasons[reason] = (skippedReasons[reason] ?? 0) + n;
    for (const [kind, names] of Object.entries(page.examples))
      for (const name of names) addExample(examples, kind, name);
  }
  return { counts, skippedReasons, examples };
}

/** The first names of what a run holds to disable and to remove. */
export async function pendingExamples(tx: Transaction, plan: Pick<RunPlan, "runId" | "kind" | "connectionId">) {
  const rows = await tx.execute<{ to_status: string; display_name: string }>(sql`
    SELECT to_status, display_name FROM (
      SELECT p.to_status, t.display_name, row_number() OVER (PARTITION BY p.to_status ORDER BY t.display_name) AS n
      FROM sync_pending_changes p
      JOIN ${sql.raw(plan.kind === "users" ? "clients" : "devices")} t ON t.connection_id = ${plan.connectionId} AND t.entra_object_id = p.entra_object_id
      WHERE p.run_id = ${plan.runId}) ranked
    WHERE n <= ${EXAMPLES_PER_KIND} ORDER BY display_name`);
  const examples: SyncExamples = {};
  for (const row of rows) addExample(examples, row.to_status, row.display_name);
  return examples;
}

/** A full listing saw every object in Entra: the synced rows it did not see are gone from Entra. */
export async function holdAbsentRows(tx: Transaction, plan: RunPlan, syncExternalUsers: boolean) {
  const table = plan.kind === "users" ? "clients" : "devices";
  const externalOff = plan.kind === "users" && !syncExternalUsers;
  // A sync marks each row it lists; a preview marks none and records whom it listed instead.
  const unseen = plan.preview
    ? sql`NOT EXISTS (SELECT 1 FROM sync_preview_seen s WHERE s.run_id = ${plan.runId} AND s.object_id = entra_object_id)`
    : sql`(last_synced_at IS NULL OR last_synced_at < ${plan.syncedAt})`;
  await tx.execute(sql`
    INSERT INTO sync_pending_changes (run_id, entra_object_id, to_status, reason)
    SELECT ${plan.runId}, entra_object_id, 'removed',
      CASE WHEN ${externalOff} AND ${sql.raw(plan.kind === "users" ? "is_external" : "false")}
        THEN ${externalOffReason} ELSE 'not seen by a full listing' END
    FROM ${sql.raw(table)}
    WHERE connection_id = ${plan.connectionId} AND source = 'azure' AND status <> 'removed'
      AND ${unseen}
    ON CONFLICT (run_id, entra_object_id) DO NOTHING`);
}

/**
 * Applies a run's held disables and removals, each told in its record's history with its reason (and who applied
 * it, for "Apply anyway"); returns how many of each.
 */
export async function applyPendingChanges(
  tx: Transaction,
  run: Pick<SyncRun, "id" | "kind" | "connectionId">,
  appliedBy?: { id: string; name: string },
) {
  const table = sql.raw(run.kind === "users" ? "clients" : "devices");
  const recordColumn = sql.raw(run.kind === "users" ? "client_id" : "device_id");
  const applied = await tx.execute<{ to_status: "disabled" | "removed"; n: number }>(sql`
    WITH changed AS (
      UPDATE ${table} t SET status = p.to_status, updated_at = now()
      FROM sync_pending_changes p
      WHERE p.run_id = ${run.id} AND t.connection_id = ${run.connectionId} AND t.entra_object_id = p.entra_object_id
        AND t.status <> p.to_status
      RETURNING t.id, t.organization_id, p.to_status, p.reason),
    told AS (
      INSERT INTO record_events (organization_id, ${recordColumn}, kind, run_id, reason, staff_id, staff_name)
      SELECT organization_id, id, to_status::text::record_event_kind, ${run.id}, reason, ${appliedBy?.id ?? null}::uuid,
        ${appliedBy?.name ?? null}
      FROM changed)
    SELECT to_status, count(*)::int AS n FROM changed GROUP BY to_status`);
  const result = { disabled: 0, removed: 0 };
  for (const row of applied) result[row.to_status] = row.n;
  return result;
}

/**
 * Devices point at their owner's client once both are synced, whichever came first; none when the owner is not a
 * client. Likewise Intune's primary user.
 */
export async function linkDeviceOwners(tx: Transaction, connectionId: string) {
  await tx.execute(sql`
    WITH owners AS (
      SELECT d.id, c.id AS client_id FROM devices d
      LEFT JOIN clients c ON c.connection_id = d.connection_id AND c.entra_object_id = d.owner_entra_object_id
      WHERE d.connection_id = ${connectionId} AND d.source = 'azure')
    UPDATE devices SET owner_client_id = owners.client_id
    FROM owners WHERE devices.id = owners.id AND devices.owner_client_id IS DISTINCT FROM owners.client_id`);
  // Intune's primary user is named by user principal name: linked to the synced client with that name.
  await tx.execute(sql`
    WITH named AS (
      SELECT DISTINCT ON (lower(c.user_principal_name)) lower(c.user_principal_name) AS upn, c.id
      FROM clients c
      WHERE c.connection_id = ${connectionId} AND lower(c.user_principal_name) IN (
        SELECT lower(primary_user_principal_name) FROM devices WHERE connection_id = ${connectionId})
      ORDER BY lower(c.user_principal_name), c.status = 'removed', c.id),
    users AS (
      SELECT d.id, named.id AS client_id FROM devices d
      LEFT JOIN named ON named.upn = lower(d.primary_user_principal_name)
      WHERE d.connection_id = ${connectionId} AND (d.primary_user_principal_name IS NOT NULL OR d.primary_user_client_id IS NOT NULL))
    UPDATE devices SET primary_user_client_id = users.client_id
    FROM users WHERE devices.id = users.id AND devices.primary_user_client_id IS DISTINCT FROM users.client_id`);
}

/**
 * What a run listed for its own use (a group scope's members, whom a preview saw, Intune's listed devices) has served by its
 * end: drop it, and what runs that ended early left.
 */
export async function forgetRunLists(tx: Transaction, runId: string) {
  for (const table of ["sync_scope_members", "sync_preview_seen", "sync_intune_listed"]) {
    await tx.execute(sql`
      DELETE FROM ${sql.raw(table)} o USING sync_runs r
      WHERE o.run_id = r.id AND (r.id = ${runId} OR r.status NOT IN ('queued', 'running'))`);
  }
}
