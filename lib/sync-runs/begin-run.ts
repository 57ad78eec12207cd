import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { allUsersScope, entraConnections, syncRuns } from "@/db/schema";
import type { RunPlan } from "@/lib/sync/run-plan";
import { sameScope } from "@/lib/sync/users-scope";

/**
 * Marks a queued run running and decides how it lists: a full listing the first time, when asked, when
 * "Sync external users" or the users scope changed since the delta link was made, and always in group
 * scope (a delta does not tell who joined or left a group); otherwise the delta link.
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
  const usersScope = current.kind === "users" ? (current.usersScope ?? connection.usersScope) : null;
  const whoChanged =
    usersScope !== null &&
    (connection.usersDeltaWithExternal !== connection.syncExternalUsers ||
      !sameScope(connection.usersDeltaScope ?? allUsersScope, usersScope));
  const full = current.full || !link || whoChanged || usersScope?.mode === "groups";
  const syncExternalUsers = current.syncExternalUsers ?? connection.syncExternalUsers;
  if ((full && !current.full) || current.syncExternalUsers === null || (usersScope && !current.usersScope)) {
    await db.update(syncRuns).set({ full, syncExternalUsers, usersScope }).where(eq(syncRuns.id, runId));
  }
  return {
    runId,
    kind: current.kind,
    connectionId: current.connectionId,
    mode: full ? "full" : "delta",
    startLink: full ? null : link,
    syncedAt: current.startedAt!.toISOString(),
    syncExternalUsers,
    usersScope,
    preview: current.preview,
  };
}

/** A delta link expired mid-run: the same run lists everything instead. */
export async function switchToFullListing(plan: RunPlan): Promise<RunPlan> {
  await db.update(syncRuns).set({ full: true }).where(eq(syncRuns.id, plan.runId));
  return { ...plan, mode: "full", startLink: null };
}
