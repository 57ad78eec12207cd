// Child process of the benchmark: one sync exactly as `npm run sync` runs it (a "command_line" run, each
// step a plain call to lib/sync), timed, with this process's peak memory. Answers the parent over IPC.
//   node --conditions=react-server --import tsx tests/bench/sync-once.ts users|devices [--full]
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { syncRuns, type SyncKind } from "@/db/schema";
import { runSync } from "@/lib/sync-runs/run-sync";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { liveHeapMB, peakMemoryMB, reportToParent, type SyncOutcome } from "./bench-children";
import { theConnection } from "@/tests/support/database";

async function main(): Promise<SyncOutcome> {
  const kind = process.argv[2] as SyncKind;
  const full = process.argv.includes("--full");
  const connection = await theConnection();
  if (!connection) throw new Error("No connection: the benchmark saves one before it starts a sync.");
  const run = await createSyncRun({
    connectionId: connection.id,
    kind,
    trigger: "command_line",
    full,
    requestedByName: "benchmark",
  });
  if (!run) throw new Error(`A sync of ${kind} is already running.`);
  const started = performance.now();
  const result = await runSync(run.id, (_id, work) => work());
  const ms = performance.now() - started;
  const peak = peakMemoryMB();
  const [finished] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
  return {
    ms,
    status: result.status,
    pages: finished.pagesDone,
    counts: finished.counts,
    peakMemoryMB: peak,
    liveHeapMB: liveHeapMB(),
  };
}

reportToParent(main().finally(closeDatabase));
