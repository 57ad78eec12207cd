import "server-only";
import { and, eq, gt, max, min, ne } from "drizzle-orm";
import { hasStoredCredential } from "@/lib/sync-settings/connection-row";
import { db } from "@/db/client";
import { entraConnections, syncRuns, type EntraConnection, type SyncKind } from "@/db/schema";
import { hoursBetweenSyncs } from "@/lib/sync-settings/frequencies";
import { needsReviewKey, scheduleStalledKey, syncFailedKey } from "./conditions";
import { openConditionKeys, raiseCondition } from "./raise-and-clear";
import { scheduleStalledSummary } from "./wording";

type Scheduled = EntraConnection & { syncFrequency: keyof typeof hoursBetweenSyncs };

/**
 * When the first scheduled run since the last success was queued: the moment scheduled syncs of this
 * kind stopped succeeding. Null when nothing was scheduled since (a schedule just turned on is not stalled).
 */
async function failingSince(connectionId: string, kind: SyncKind): Promise<Date | null> {
  const sameKind = and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.kind, kind), eq(syncRuns.preview, false));
  const [{ lastSuccess }] = await db
    .select({ lastSuccess: max(syncRuns.queuedAt) })
    .from(syncRuns)
    .where(and(sameKind, eq(syncRuns.status, "succeeded")));
  const [{ since }] = await db
    .select({ since: min(syncRuns.queuedAt) })
    .from(syncRuns)
    .where(and(sameKind, eq(syncRuns.trigger, "scheduled"), lastSuccess ? gt(syncRuns.queuedAt, lastSuccess) : undefined));
  return since;
}

/**
 * Opens "schedule stalled" for each kind whose scheduled syncs have not succeeded for two intervals in a
 * row: runs stuck queued, cancelled, or never picked up by the job engine. Not while the same kind's
 * "sync failed" or "needs review" is open: that problem has had its mail. It clears when a sync succeeds.
 */
export async function evaluateStalledSchedules(now: Date) {
  const connections = (await db
    .select()
    .from(entraConnections)
    .where(and(eq(entraConnections.enabled, true), ne(entraConnections.syncFrequency, "manual"), hasStoredCredential))) as Scheduled[];
  let raised = 0;
  for (const connection of connections) {
    const intervalMs = hoursBetweenSyncs[connection.syncFrequency] * 3_600_000;
    const open = await openConditionKeys(connection.id);
    for (const kind of ["users", "devices"] as const) {
      if (open.has(syncFailedKey(kind)) || open.has(needsReviewKey(kind)) || open.has(scheduleStalledKey(kind))) continue;
      const since = await failingSince(connection.id, kind);
      if (!since || now.getTime() - since.getTime() < 2 * intervalMs) continue;
      const summary = scheduleStalledSummary(kind, connection.syncFrequency, since);
      if ((await raiseCondition({ connectionId: connection.id, key: scheduleStalledKey(kind), summary, now })) === "opened") raised++;
    }
  }
  return raised;
}
