// Child process of the benchmark of many tenants: the job engine's path as far as an in-process stand-in goes.
// The schedule tick (its cron run) sends its events over HTTP to an event API in this process, which hands each
// to its sync function once the function's own concurrency limits give it a slot
// (tests/inngest-stand-in/gated-event-api.ts). Answers the parent over IPC.
//   INNGEST_DEV=http://127.0.0.1:<port> node --conditions=react-server --import tsx tests/bench/many-tenants-engine.ts functions|plain
import { InngestTestEngine } from "@inngest/test";
import { sql } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { syncDevices } from "@/inngest/sync-devices";
import { syncScheduleTick } from "@/inngest/sync-schedule-tick";
import { syncUsers } from "@/inngest/sync-users";
import { syncRequested } from "@/lib/job-engine/events";
import { runSync } from "@/lib/sync-runs/run-sync";
import { runWithInngestTest, startGatedEventApi, type RunEvent } from "@/tests/inngest-stand-in/gated-event-api";
import { liveHeapMB, peakMemoryMB, reportToParent } from "./bench-children";

export type ManyTenantsOutcome = {
  ms: number;
  sent: number;
  mostAtOnce: number;
  mostAtOnceInTheRunHistory: number;
  runs: { succeeded: number; other: number };
  waitSeconds: { median: number; p90: number; longest: number };
  runSeconds: { median: number; longest: number };
  peakMemoryMB: number;
  liveHeapMB: number;
  failures: string[];
};

/**
 * "functions": the sync function itself, run by @inngest/test. "plain": the same sync (lib/sync-runs/run-sync.ts) with
 * each step a plain call, as `npm run sync` runs it, behind the same limits: what the syncs alone take in memory.
 */
const runPlainSteps: RunEvent = (_fn, event) =>
  runSync(String(event.data.runId), (_id, work) => work()).then(
    () => null,
    (error: unknown) => error,
  );
const runEvent = process.argv[2] === "plain" ? runPlainSteps : runWithInngestTest;

/** What the run history says: how long runs waited from queued to started, how long they ran, and the most at once. */
async function runHistory() {
  const [summary] = await db.execute<{
    succeeded: number;
    other: number;
    wait_median: number;
    wait_p90: number;
    wait_longest: number;
    run_median: number;
    run_longest: number;
  }>(sql`
    SELECT count(*) FILTER (WHERE status = 'succeeded')::int AS succeeded, count(*) FILTER (WHERE status <> 'succeeded')::int AS other,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - queued_at)) AS wait_median,
      percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - queued_at)) AS wait_p90,
      max(extract(epoch FROM started_at - queued_at))::float AS wait_longest,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - started_at)) AS run_median,
      max(extract(epoch FROM finished_at - started_at))::float AS run_longest
    FROM sync_runs WHERE trigger = 'scheduled'`);
  const [overlap] = await db.execute<{ most: number }>(sql`
    SELECT coalesce(max(running), 0)::int AS most FROM (
      SELECT sum(change) OVER (ORDER BY at, change) AS running FROM (
        SELECT started_at AS at, 1 AS change FROM sync_runs WHERE trigger = 'scheduled' AND started_at IS NOT NULL
        UNION ALL SELECT finished_at, -1 FROM sync_runs WHERE trigger = 'scheduled' AND finished_at IS NOT NULL) changes) running`);
  return { summary, most: overlap.most };
}

async function main(): Promise<ManyTenantsOutcome> {
  const functionFor = { [syncRequested.users.name]: syncUsers, [syncRequested.devices.name]: syncDevices };
  const engine = await startGatedEventApi(Number(new URL(process.env.INNGEST_DEV!).port), functionFor, runEvent);
  const started = performance.now();
  const tick = await new InngestTestEngine({ function: syncScheduleTick }).execute({
    events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
  });
  if (tick.error) throw tick.error;
  // The tick's sendEvent waited for the event API's answers: every run has been taken by now.
  await engine.settled();
  const ms = performance.now() - started;
  await engine.close();
  const { summary, most } = await runHistory();
  const round = (seconds: number) => Math.round(Number(seconds) * 10) / 10;
  return {
    ms,
    sent: (tick.result as { sent: number }).sent,
    mostAtOnce: engine.gate.mostAtOnce,
    mostAtOnceInTheRunHistory: most,
    runs: { succeeded: summary.succeeded, other: summary.other },
    waitSeconds: {
      median: round(summary.wait_median),
      p90: round(summary.wait_p90),
      longest: round(summary.wait_longest),
    },
    runSeconds: { median: round(summary.run_median), longest: round(summary.run_longest) },
    peakMemoryMB: peakMemoryMB(),
    liveHeapMB: liveHeapMB(),
    failures: engine.failures.slice(0, 5),
  };
}

reportToParent(main().finally(closeDatabase));
