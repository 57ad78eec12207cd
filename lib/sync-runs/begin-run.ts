import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, syncRuns } from "@/db/schema";
import type { RunPlan } from "@/lib/sync/run-plan";

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

/** A delta link expired mid-run: the same run lists everything instead. */
export async function switchToFullListing(plan: RunPlan): Promise<RunPlan> {
  await db.update(syncRuns).set({ full: true }).where(eq(syncRuns.id, plan.runId));
  return { ...plan, mode: "full", startLink: null };
}
