import { inngest } from "@/lib/job-engine/client";
import { syncFunctionConcurrency } from "@/lib/job-engine/sync-concurrency";
import { syncCancelRequested, usersPreviewRequested } from "@/lib/job-engine/events";
import { inngestStepRunner, jobEngineGraphOptions } from "./step-runner";
import { runSync } from "@/lib/sync-runs/run-sync";
import { followDeltaRequestsDuringRun } from "./sync-delta";

/** "Preview": what a users sync with the saved scope would do, listed and counted step by step, written nowhere. */
export const previewUsers = inngest.createFunction(
  {
    id: "preview-users",
    triggers: [usersPreviewRequested],
    // A preview reads Graph as a sync does: it takes a slot of the same shared limit.
    concurrency: syncFunctionConcurrency(),
    cancelOn: [{ event: syncCancelRequested, if: "async.data.runId == event.data.runId" }],
    retries: 4,
  },
  async ({ event, step }) => {
    const { runId, connectionId } = event.data;
    const result = await runSync(runId, inngestStepRunner(step, runId), jobEngineGraphOptions);
    await followDeltaRequestsDuringRun(step, { runId, connectionId, kind: "users" });
    return result;
  },
);
