import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { databaseLostMessage, isDatabaseConnectionLost } from "@/db/connection-lost";
import { entraConnections, syncDeviceOwners, syncRuns, type SyncKind } from "@/db/schema";
import { EntraError } from "@/lib/azure";
import { entraSettingsOf } from "@/lib/sync-settings/load-credentials";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";

/** What the steps of one run pass each other: ids and links only, never a secret or a token. */
export type RunPlan = {
  runId: string;
  kind: SyncKind;
  connectionId: string;
  mode: "full" | "delta";
  startLink: string | null;
  syncedAt: string;
  /** "Sync external users" when the run began; the whole run follows it. */
  syncExternalUsers: boolean;
};

/**
 * Marks a queued run running and decides how it lists: a full listing the first time, when asked, or when
 * "Sync external users" changed since the delta link was made; otherwise the delta link.
 */
export async function beginSyncRun(runId: string): Promise<RunPlan | null> {
  const [run] = await db
    .update(syncRuns)
    .set({ status: "running", startedAt: new Date(), heartbeatAt: new Date() })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "queued")))
    .returning();
  // A run that is already running (a retried step) or finished keeps its own start.
  const current = run ?? (await db.select().from(syncRuns).where(eq(syncRuns.id, runId)))[0];
  if (!current || !["running"].includes(current.status)) return null;
  const [connection] = await db.select().from(entraConnections).where(eq(entraConnections.id, current.connectionId));
  const link = current.kind === "users" ? connection.usersDeltaLink : connection.devicesDeltaLink;
  const externalChanged = current.kind === "users" && connection.usersDeltaWithExternal !== connection.syncExternalUsers;
  const full = current.full || !link || externalChanged;
  const syncExternalUsers = current.syncExternalUsers ?? connection.syncExternalUsers;
  if ((full && !current.full) || current.syncExternalUsers === null) {
    await db.update(syncRuns).set({ full, syncExternalUsers }).where(eq(syncRuns.id, runId));
  }
  return {
    runId,
    kind: current.kind,
    connectionId: current.connectionId,
    mode: full ? "full" : "delta",
    startLink: full ? null : link,
    syncedAt: current.startedAt!.toISOString(),
    syncExternalUsers,
  };
}

/** The Graph credentials for one step; decrypted here, used for the call, never returned. */
export async function loadConnection(connectionId: string) {
  const [connection] = await db.select().from(entraConnections).where(eq(entraConnections.id, connectionId));
  const settings = connection && entraSettingsOf(connection);
  if (!settings) throw new Error("Azure User Sync is not set up: the IDs or the Client secret are missing.");
  return { connection, settings };
}

/** A delta link expired mid-run: the same run lists everything instead. */
export async function switchToFullListing(plan: RunPlan): Promise<RunPlan> {
  await db.update(syncRuns).set({ full: true }).where(eq(syncRuns.id, plan.runId));
  return { ...plan, mode: "full", startLink: null };
}

export async function failSyncRun(runId: string, error: unknown) {
  const databaseLost = isDatabaseConnectionLost(error);
  const message = databaseLost ? databaseLostMessage : error instanceof Error ? error.message : "The sync failed for an unknown reason.";
  const code = error instanceof EntraError ? error.code : databaseLost ? "database_lost" : "sync_failed";
  await db
    .update(syncRuns)
    .set({ status: "failed", finishedAt: new Date(), errorCode: code, errorMessage: message })
    .where(and(eq(syncRuns.id, runId), inArray(syncRuns.status, ["queued", "running"])));
  // The owners a failed full devices sync listed are of no further use.
  await db.delete(syncDeviceOwners).where(eq(syncDeviceOwners.runId, runId));
  await alertOnRunEnded(runId);
}
