import { inngest } from "@/lib/job-engine/client";
import { syncFunctionConcurrency } from "@/lib/job-engine/sync-concurrency";
import { syncCancelRequested, usersPreviewRequested } from "@/lib/job-engine/events";
import { inngestStepRunner, jobEngineGraphOptions } from "./step-runner";
import { runSync } from "@/lib/sync-runs/run-sync";

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
  async ({ event, step }) =>
    runSync(event.data.runId, inngestStepRunner(step, event.data.runId), jobEngineGraphOptions),
);
