import { inngest } from "./client";
import { invitationsRequestedEvent, syncCancelRequestedEvent, syncRequestedEvent, type SyncRequestedData } from "./events";
import { inngestStepRunner } from "./step-runner";
import { runSync } from "@/lib/sync/run-sync";
import { countWaitingInvitations } from "@/lib/portal/send-invitations";

/** Brings Entra's users into the client list: steps of up to 20 Graph pages (lib/sync/page-steps.ts). */
export const syncUsers = inngest.createFunction(
  {
    id: "sync-users",
    triggers: [{ event: syncRequestedEvent("users") }],
    // One users sync per connection at a time; the database refuses a second queued run too.
    concurrency: { key: "event.data.connectionId", limit: 1 },
    // "Cancel sync" stops the function between steps; the run's row already says cancelled.
    cancelOn: [{ event: syncCancelRequestedEvent, if: "async.data.runId == event.data.runId" }],
    retries: 4,
  },
  async ({ event, step }) => {
    const result = await runSync((event.data as SyncRequestedData).runId, inngestStepRunner(step, (event.data as SyncRequestedData).runId));
    // Counted rather than taken from the result: a retried last step still finds what it invited.
    const waiting = await step.run("count-waiting-invitations", countWaitingInvitations);
    if (waiting > 0) {
      await step.sendEvent("request-portal-invitations", { name: invitationsRequestedEvent, data: { runId: (event.data as SyncRequestedData).runId } });
    }
    return result;
  },
);
