import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, syncRuns, type SyncFrequency, type SyncKind } from "@/db/schema";
import { createSyncRun } from "./create-run";
import { hoursBetweenSyncs } from "@/lib/sync-settings/frequencies";
import { hasStoredCredential } from "@/lib/sync-settings/connection-row";


const slackMs = 5 * 60_000;

export type DueSync = { connectionId: string; kind: SyncKind; slot: number };

/**
 * The scheduled syncs due now: Status Enabled, a frequency other than "Manual only", and the last run of
 * that kind at least one interval ago. `slot` numbers the interval, so one slot never runs twice.
 */
export async function findDueSyncs(now: Date): Promise<DueSync[]> {
  const connections = await db
    .select()
    .from(entraConnections)
    .where(and(eq(entraConnections.enabled, true), ne(entraConnections.syncFrequency, "manual"), hasStoredCredential));
  const due: DueSync[] = [];
  for (const connection of connections) {
    const intervalMs = hoursBetweenSyncs[connection.syncFrequency as keyof typeof hoursBetweenSyncs] * 3_600_000;
    for (const kind of ["users", "devices"] as const) {
      const [last] = await db
        .select({ queuedAt: syncRuns.queuedAt })
        .from(syncRuns)
        .where(and(eq(syncRuns.connectionId, connection.id), eq(syncRuns.kind, kind), eq(syncRuns.preview, false)))
        .orderBy(desc(syncRuns.queuedAt))
        .limit(1);
      // A little slack, so a tick that lands just before the hour does not wait a whole extra interval;
      // the slot counts from the same slack, so an early tick names the next slot, not the last one.
      if (!last || now.getTime() - last.queuedAt.getTime() >= intervalMs - slackMs) {
        due.push({ connectionId: connection.id, kind, slot: Math.floor((now.getTime() + slackMs) / intervalMs) });
      }
    }
  }
  return due;
}

/** Records a queued run for each due sync (or finds the one an earlier attempt queued). */
export async function queueDueSyncs(due: DueSync[]) {
  const queued: (DueSync & { runId: string })[] = [];
  for (const sync of due) {
    const run =
      (await createSyncRun({ connectionId: sync.connectionId, kind: sync.kind, trigger: "scheduled", requestedByName: "Schedule" })) ??
      (await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.connectionId, sync.connectionId), eq(syncRuns.kind, sync.kind), eq(syncRuns.status, "queued"), eq(syncRuns.trigger, "scheduled")))
        .then(([found]) => found ?? null));
    if (run) queued.push({ ...sync, runId: run.id });
  }
  return queued;
}
