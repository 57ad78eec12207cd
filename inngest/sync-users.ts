import { inngest } from "@/lib/job-engine/client";
import { syncFunctionConcurrency } from "@/lib/job-engine/sync-concurrency";
import { invitationsRequested, syncCancelRequested, syncRequested } from "@/lib/job-engine/events";
import { inngestStepRunner, jobEngineGraphOptions } from "./step-runner";
import { runSync } from "@/lib/sync-runs/run-sync";
import { countWaitingInvitations } from "@/lib/portal/send-invitations";
import { followDeltaRequestsDuringRun } from "./sync-delta";

/** Brings Entra's users into the client list: steps of up to 20 Graph pages (lib/sync/page-steps.ts). */
export const syncUsers = inngest.createFunction(
  {
    id: "sync-users",
    triggers: [syncRequested.users],
    // One users sync per connection at a time (the database refuses a second queued run too), and the
    // shared limit of syncs at once (VERTASK_SYNC_CONCURRENCY).
    concurrency: syncFunctionConcurrency(),
    // "Cancel sync" stops the function between steps; the run's row already says cancelled.
    cancelOn: [{ event: syncCancelRequested, if: "async.data.runId == event.data.runId" }],
    retries: 4,
  },
  async ({ event, step }) => {
    const { runId } = event.data;
    const result = await runSync(runId, inngestStepRunner(step, runId), jobEngineGraphOptions);
    // Counted rather than taken from the result: a retried last step still finds what it invited.
    const waiting = await step.run("count-waiting-invitations", countWaitingInvitations);
    if (waiting > 0) {
      await step.sendEvent("request-portal-invitations", invitationsRequested.create({ runId }));
    }
    await followDeltaRequestsDuringRun(step, { runId, connectionId: event.data.connectionId, kind: "users" });
    return result;
  },
);
