import "server-only";
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { db, type Transaction } from "@/db/client";
import { databaseLostMessage } from "@/db/connection-lost";
import { activeRunsOf } from "@/db/run-filters";
import { syncRuns, type SyncKind, type SyncRun } from "@/db/schema";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";

/**
 * Every run has a live owner. The command line holds a session-level advisory lock on a connection of its
 * own, which PostgreSQL releases the moment that process dies. A job-engine step refreshes the run's
 * heartbeat on every page and every HEARTBEAT_INTERVAL_MS while it works; a heartbeat older than
 * OWNER_GONE_AFTER_MS means nothing is running the sync any more (Inngest lost the run, or a retry is
 * waiting): the next request takes it over.
 */
const HEARTBEAT_INTERVAL_MS = 10_000;
export const OWNER_GONE_AFTER_MS = 60_000;
/**
 * A queued run the job engine has not begun after this long is given up (its event was lost, or the engine is
 * down), unless it is only waiting its turn: the engine began other syncs meanwhile (the shared concurrency
 * limit lets hundreds of connections queue) and none queued this long after it has begun yet.
 */
const QUEUED_GIVE_UP_MS = 15 * 60_000;

export const ownerGoneMessage = "The process running this sync stopped before it finished.";

/** One advisory lock per connection and kind: the command line's hold on "a sync of users is running". */
const lockName = (connectionId: string, kind: SyncKind) => `vertask-sync:${connectionId}:${kind}`;

/**
 * Marks failed the active runs of this kind whose owner is gone, so a new run can start at once. Runs in
 * one transaction: the advisory lock it tries is its own only until it commits. A command line that holds
 * the lock itself (`holdingCommandLineLock`) knows any other command-line run is an orphan.
 */
export async function takeOverOrphanedRuns(
  connectionId: string,
  kind: SyncKind,
  { holdingCommandLineLock = false } = {},
) {
  const orphaned = await db.transaction(async (tx) => {
    const active = await tx.select().from(syncRuns).where(activeRunsOf(connectionId, kind)).for("update");
    if (active.length === 0) return [];
    const [{ commandLineGone, staleBefore, queuedBefore }] = await tx.execute<{
      commandLineGone: boolean;
      staleBefore: Date;
      queuedBefore: Date;
    }>(sql`
      SELECT ${holdingCommandLineLock} OR pg_try_advisory_xact_lock(hashtextextended(${lockName(connectionId, kind)}, 0)) AS "commandLineGone",
        now() - ${`${OWNER_GONE_AFTER_MS} milliseconds`}::interval AS "staleBefore",
        now() - ${`${QUEUED_GIVE_UP_MS} milliseconds`}::interval AS "queuedBefore"`);
    const waitingItsTurn = await queuedRunsWaitingTheirTurn(
      tx,
      active.filter((run) => run.status === "queued").map((run) => run.id),
    );
    const gone = (run: SyncRun) => {
      if (run.trigger === "command_line") return commandLineGone;
      if (run.status === "queued") return run.queuedAt < new Date(queuedBefore) && !waitingItsTurn.has(run.id);
      return (run.heartbeatAt ?? run.startedAt ?? run.queuedAt) < new Date(staleBefore);
    };
    const ended = active.filter(gone);
    for (const run of ended) {
      const neverStarted = run.status === "queued" && run.trigger !== "command_line";
      await tx
        .update(syncRuns)
        .set({
          status: "failed",
          finishedAt: new Date(),
          errorCode: "owner_gone",
          errorMessage: neverStarted
            ? `The job engine did not start this run within ${QUEUED_GIVE_UP_MS / 60_000} minutes.`
            : ownerGoneMessage,
        })
        .where(eq(syncRuns.id, run.id));
    }
    return ended.map((run) => run.id);
  });
  for (const runId of orphaned) await alertOnRunEnded(runId);
  return orphaned;
}

/**
 * Of these queued runs, those the job engine is still working towards: it began a sync in the last
 * QUEUED_GIVE_UP_MS, and no sync queued QUEUED_GIVE_UP_MS or more after the run has begun (a run passed over
 * by that much was lost).
 */
async function queuedRunsWaitingTheirTurn(tx: Transaction, runIds: string[]) {
  if (!runIds.length) return new Set<string>();
  const giveUp = `${QUEUED_GIVE_UP_MS} milliseconds`;
  const rows = await tx.execute<{ id: string }>(sql`
    SELECT q.id FROM sync_runs q
    WHERE q.id = ANY(${sql.param(runIds)}::uuid[])
      AND EXISTS (SELECT 1 FROM sync_runs s WHERE s.trigger <> 'command_line' AND s.started_at > now() - ${giveUp}::interval)
      AND NOT EXISTS (SELECT 1 FROM sync_runs s WHERE s.trigger <> 'command_line' AND s.started_at IS NOT NULL
        AND s.queued_at >= q.queued_at + ${giveUp}::interval)`);
  return new Set(rows.map((row) => row.id));
}

/** Refreshes a running run's heartbeat until stopped; the timer never keeps the process alive. */
export function startHeartbeat(runId: string) {
  const beat = () =>
    db
      .update(syncRuns)
      .set({ heartbeatAt: sql`now()` })
      .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "running")))
      .catch(() => {}); // a missed beat is harmless; the page writes say when the database is gone
  const timer = setInterval(beat, HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs one step of a job-engine run with its heartbeat going. */
export async function withHeartbeat<T>(runId: string, work: () => Promise<T>): Promise<T> {
  const stop = startHeartbeat(runId);
  try {
    return await work();
  } finally {
    stop();
  }
}

export type CommandLineHold = {
  /** Aborted when the lock's connection closes (the database restarted or went away): the hold is gone. */
  lost: AbortSignal;
  release: () => Promise<void>;
};

/**
 * The command line's hold on syncs of this kind: a session-level advisory lock on a connection of its own,
 * which dies with the process. Null when another command line holds it. A host that vanishes without
 * closing the connection is noticed by TCP keepalives within about 25 s.
 */
export async function holdForCommandLine(connectionId: string, kind: SyncKind): Promise<CommandLineHold | null> {
  const lost = new AbortController();
  const lock = postgres(process.env.DATABASE_URL!, {
    max: 1,
    // Never closed for idling or age: closing it would drop the lock.
    idle_timeout: 0,
    max_lifetime: 0,
    onnotice: () => {},
    onclose: () => lost.abort(new Error(databaseLostMessage)),
  });
  await lock`SELECT set_config('tcp_keepalives_idle', '10', false), set_config('tcp_keepalives_interval', '5', false), set_config('tcp_keepalives_count', '3', false)`;
  const [{ held }] =
    await lock`SELECT pg_try_advisory_lock(hashtextextended(${lockName(connectionId, kind)}, 0)) AS held`;
  if (!held) {
    await lock.end();
    return null;
  }
  return {
    lost: lost.signal,
    release: async () => {
      await lock.end({ timeout: 1 }).catch(() => {});
    },
  };
}
