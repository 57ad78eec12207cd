import "server-only";
import { and, desc, eq, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, syncRuns, type SyncFrequency, type SyncKind } from "@/db/schema";
import { createSyncRun } from "./create-run";
import { frequencyLabels, hoursBetweenSyncs } from "@/lib/sync-settings/frequencies";
import { findConnection, hasStoredCredential, isSetUp } from "@/lib/sync-settings/connection-row";
import { jobEngineStatus } from "@/lib/job-engine/status";

const slackMs = 5 * 60_000;
/** The schedule tick's cron (inngest/sync-schedule-tick.ts): every 10 minutes, on the clock. */
const tickEveryMs = 10 * 60_000;

export const intervalMs = (frequency: Exclude<SyncFrequency, "manual">) => hoursBetweenSyncs[frequency] * 3_600_000;

/**
 * When a scheduled sync of one kind falls due: one interval after the last run of that kind was queued (a
 * little early, so a tick that lands just before the hour does not wait a whole extra interval), or at once.
 */
export function dueAt(lastQueuedAt: Date | null, interval: number, now: Date) {
  return lastQueuedAt ? new Date(lastQueuedAt.getTime() + interval - slackMs) : now;
}

async function lastQueuedAt(connectionId: string, kind: SyncKind) {
  const [last] = await db
    .select({ queuedAt: syncRuns.queuedAt })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.kind, kind), eq(syncRuns.preview, false)))
    .orderBy(desc(syncRuns.queuedAt))
    .limit(1);
  return last?.queuedAt ?? null;
}

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
    const interval = intervalMs(connection.syncFrequency as Exclude<SyncFrequency, "manual">);
    for (const kind of ["users", "devices"] as const) {
      // The slot counts from the same slack as dueAt, so an early tick names the next slot, not the last one.
      if (dueAt(await lastQueuedAt(connection.id, kind), interval, now) <= now) {
        due.push({ connectionId: connection.id, kind, slot: Math.floor((now.getTime() + slackMs) / interval) });
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

/** The first schedule tick at or after `time`. */
export const firstTickFrom = (time: Date) => new Date(Math.ceil(time.getTime() / tickEveryMs) * tickEveryMs);

const clock = (time: Date) =>
  time.toLocaleString("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" }) + " UTC";

/**
 * What the schedule will do next, in a sentence: when the next scheduled sync starts (the first tick at which
 * findDueSyncs finds one due), or what keeps it from starting (Manual only, Status, no secret, the job engine).
 */
export async function describeNextScheduledSync(now = new Date(), organizationId?: string): Promise<string> {
  const connection = await findConnection(organizationId);
  const frequency = connection?.syncFrequency ?? "manual";
  if (!connection || frequency === "manual") return "Syncs run only when someone clicks Sync now.";
  const every = frequencyLabels[frequency].toLowerCase();
  if (!connection.enabled || !isSetUp(connection)) {
    return `Syncs are set to run ${every}, but none will run until Status is Enabled and the IDs and a Client secret or certificate are saved under Settings → Azure User Sync.`;
  }
  const engine = await jobEngineStatus();
  if (!engine.reachable) {
    return `Syncs are set to run ${every}, but no scheduled sync will run until the job engine answers (it does not at ${engine.where}); npm run sync syncs without it.`;
  }
  const interval = intervalMs(frequency);
  const [users, devices] = await Promise.all([lastQueuedAt(connection.id, "users"), lastQueuedAt(connection.id, "devices")]);
  const soonest = [dueAt(users, interval, now), dueAt(devices, interval, now)].reduce((a, b) => (a < b ? a : b));
  const next = firstTickFrom(soonest < now ? now : soonest);
  return `Syncs run ${every}; the next one starts at about ${clock(next)}.`;
}
