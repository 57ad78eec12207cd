import "server-only";
import { and, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, organizations, syncRuns, type SyncKind } from "@/db/schema";
import type { IntervalFrequency } from "@/lib/connections";
import { createSyncRuns } from "./create-run";
import {
  frequencyLabels,
  hoursBetweenSyncs,
  findConnection,
  findConnectionById,
  notReadyMessages,
  readinessFactsOf,
  readyToSyncSql,
  syncReadiness,
} from "@/lib/connections";
import { jobEngineStatus } from "@/lib/job-engine/status";

const slackMs = 5 * 60_000;
/** The schedule tick's cron (inngest/sync-schedule-tick.ts): every 10 minutes, on the clock. */
const tickEveryMs = 10 * 60_000;
const kinds = ["users", "devices"] as const satisfies SyncKind[];

export const intervalMs = (frequency: IntervalFrequency) => hoursBetweenSyncs[frequency] * 3_600_000;

/**
 * When a scheduled sync of one kind falls due: one interval after the last run of that kind was queued (a
 * little early, so a tick that lands just before the hour does not wait a whole extra interval), or at once.
 */
export function dueAt(lastQueuedAt: Date | null, interval: number, now: Date) {
  return lastQueuedAt ? new Date(lastQueuedAt.getTime() + interval - slackMs) : now;
}

/** When the connection's last run of this kind (previews aside) was queued; the index sync_runs_latest answers it. */
const lastQueuedAt = (kind: SyncKind) =>
  sql`(SELECT max(${syncRuns.queuedAt}) FROM ${syncRuns}
       WHERE ${syncRuns.connectionId} = ${entraConnections.id} AND ${syncRuns.kind} = ${kind} AND NOT ${syncRuns.preview})`.mapWith(
    syncRuns.queuedAt,
  );

/** Connections with the last queued time of each kind, in one query however many connections there are. */
function connectionSchedules(where: SQL | undefined) {
  return (
    db
      .select({
        connectionId: entraConnections.id,
        syncFrequency: entraConnections.syncFrequency,
        lastQueued: { users: lastQueuedAt("users"), devices: lastQueuedAt("devices") },
      })
      .from(entraConnections)
      // Every connection belongs to an organization. Drizzle names columns with their table only in a query
      // that joins, and the subqueries above need "entra_connections"."id", not an "id" sync_runs has too.
      .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
      .where(where)
  );
}

/** Status Enabled, a frequency of so many hours (not "Manual only", not Continuously), and a credential saved. */
const onASchedule = and(readyToSyncSql, notInArray(entraConnections.syncFrequency, ["manual", "continuous"]));

export type DueSync = { connectionId: string; kind: SyncKind; slot: number };

/**
 * The scheduled syncs due now, for every connection: Status Enabled, a frequency other than "Manual only",
 * and the last run of that kind at least one interval ago. `slot` numbers the interval, so one slot never runs twice.
 */
export async function findDueSyncs(now: Date): Promise<DueSync[]> {
  const schedules = await connectionSchedules(onASchedule);
  const due: (DueSync & { since: number })[] = [];
  for (const schedule of schedules) {
    const interval = intervalMs(schedule.syncFrequency as IntervalFrequency);
    for (const kind of kinds) {
      const since = dueAt(schedule.lastQueued[kind], interval, now).getTime();
      // The slot counts from the same slack as dueAt, so an early tick names the next slot, not the last one.
      if (since <= now.getTime())
        due.push({
          connectionId: schedule.connectionId,
          kind,
          slot: Math.floor((now.getTime() + slackMs) / interval),
          since,
        });
    }
  }
  // The job engine starts queued syncs oldest first: the one due longest goes first.
  return due.sort((a, b) => a.since - b.since).map(({ since: _since, ...sync }) => sync);
}

/** Records a queued run for each due sync (or finds the one an earlier attempt of the tick queued), in a few queries. */
export async function queueDueSyncs(due: DueSync[]) {
  const created = await createSyncRuns(
    due.map((sync) => ({
      connectionId: sync.connectionId,
      kind: sync.kind,
      trigger: "scheduled" as const,
      requestedByName: "Schedule",
    })),
  );
  const notCreated = due.filter((_, index) => !created[index]);
  const queuedEarlier = notCreated.length
    ? await db
        .select({ id: syncRuns.id, connectionId: syncRuns.connectionId, kind: syncRuns.kind })
        .from(syncRuns)
        .where(
          and(
            inArray(
              syncRuns.connectionId,
              notCreated.map((sync) => sync.connectionId),
            ),
            eq(syncRuns.status, "queued"),
            eq(syncRuns.trigger, "scheduled"),
          ),
        )
    : [];
  const earlierRun = (sync: DueSync) =>
    queuedEarlier.find((run) => run.connectionId === sync.connectionId && run.kind === sync.kind);
  const queued: (DueSync & { runId: string })[] = [];
  due.forEach((sync, index) => {
    const runId = created[index]?.id ?? earlierRun(sync)?.id;
    if (runId) queued.push({ ...sync, runId });
  });
  return queued;
}

/** The first whole minute at or after `time`: when the delta poll (inngest/delta-poll-tick.ts) ticks next. */
export const firstMinuteFrom = (time: Date) => new Date(Math.ceil(time.getTime() / 60_000) * 60_000);

/** The first schedule tick at or after `time`. */
export const firstTickFrom = (time: Date) => new Date(Math.ceil(time.getTime() / tickEveryMs) * tickEveryMs);

const clock = (time: Date) =>
  time.toLocaleString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  }) + " UTC";

type Schedule = Awaited<ReturnType<typeof connectionSchedules>>[number];

/** The first tick at which findDueSyncs finds one of the connection's kinds due; null for Manual only. */
function nextTickWithADueSync(schedule: Schedule, now: Date): Date | null {
  if (schedule.syncFrequency === "manual" || schedule.syncFrequency === "continuous") return null;
  const interval = intervalMs(schedule.syncFrequency);
  const soonest = kinds
    .map((kind) => dueAt(schedule.lastQueued[kind], interval, now))
    .reduce((a, b) => (a < b ? a : b));
  return firstTickFrom(soonest < now ? now : soonest);
}

/** When one connection's next scheduled sync starts, by its frequency alone (Status and the credential aside). */
async function nextScheduledSyncAt(connectionId: string, now = new Date()): Promise<Date | null> {
  const [schedule] = await connectionSchedules(eq(entraConnections.id, connectionId));
  return schedule ? nextTickWithADueSync(schedule, now) : null;
}

/**
 * What the schedule will do next for one connection (or the named organization's), in a
 * sentence: when its next scheduled sync starts (the first tick at which findDueSyncs finds one due), or what
 * keeps it from starting (Manual only, Status, no secret, the job engine).
 */
export async function describeNextScheduledSync(
  about: { connectionId: string } | { organizationId: string },
  now = new Date(),
): Promise<string> {
  const connection =
    "connectionId" in about ? await findConnectionById(about.connectionId) : await findConnection(about.organizationId);
  const frequency = connection?.syncFrequency ?? "manual";
  if (!connection || frequency === "manual") return "Syncs run only when someone clicks Sync now.";
  const every = frequencyLabels[frequency].toLowerCase();
  const readiness = syncReadiness(readinessFactsOf(connection));
  if (readiness !== "ready")
    return `Syncs are set to run ${every}, but none will run yet. ${notReadyMessages[readiness]}`;
  const engine = await jobEngineStatus();
  if (!engine.reachable) {
    return `Syncs are set to run ${every}, but no scheduled sync will run until the job engine answers (it does not at ${engine.where}); npm run sync syncs without it.`;
  }
  if (frequency === "continuous")
    return "Syncs run continuously: Vertask asks Microsoft Entra ID for changes every minute, and a change reaches Vertask within a minute.";
  const next = await nextScheduledSyncAt(connection.id, now);
  return next
    ? `Syncs run ${every}; the next one starts at about ${clock(next)}.`
    : "Syncs run only when someone clicks Sync now.";
}
