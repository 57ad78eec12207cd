import { inngest } from "@/lib/job-engine/client";
import { syncFunctionConcurrency } from "@/lib/job-engine/sync-concurrency";
import { syncCancelRequested, syncRequested } from "@/lib/job-engine/events";
import { inngestStepRunner, jobEngineGraphOptions } from "./step-runner";
import { runSync } from "@/lib/sync-runs/run-sync";
import { followDeltaRequestsDuringRun } from "./sync-delta";

/** Brings Entra's devices into the device list: steps of up to 20 Graph pages (lib/sync/page-steps.ts). */
export const syncDevices = inngest.createFunction(
  {
    id: "sync-devices",
    triggers: [syncRequested.devices],
    // One devices sync per connection at a time (the database refuses a second queued run too), and the
    // shared limit of syncs at once (VERTASK_SYNC_CONCURRENCY).
    concurrency: syncFunctionConcurrency(),
    // "Cancel sync" stops the function between steps; the run's row already says cancelled.
    cancelOn: [{ event: syncCancelRequested, if: "async.data.runId == event.data.runId" }],
    retries: 4,
  },
  async ({ event, step }) => {
    const { runId, connectionId } = event.data;
    const result = await runSync(runId, inngestStepRunner(step, runId), jobEngineGraphOptions);
    await followDeltaRequestsDuringRun(step, { runId, connectionId, kind: "devices" });
    return result;
  },
);
