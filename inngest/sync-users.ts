import { inngest } from "./client";
import { invitationsRequestedEvent, syncRequestedEvent, type SyncRequestedData } from "./events";
import { inngestStepRunner } from "./step-runner";
import { runSync } from "@/lib/sync/run-sync";

/** Brings Entra's users into the client list: one step per Graph page. */
export const syncUsers = inngest.createFunction(
  {
    id: "sync-users",
    triggers: [{ event: syncRequestedEvent("users") }],
    // One users sync per connection at a time; the database refuses a second queued run too.
    concurrency: { key: "event.data.connectionId", limit: 1 },
    retries: 4,
  },
  async ({ event, step }) => {
    const result = await runSync((event.data as SyncRequestedData).runId, inngestStepRunner(step));
    if ("invitations" in result && result.invitations > 0) {
      await step.sendEvent("request-portal-invitations", { name: invitationsRequestedEvent, data: { runId: (event.data as SyncRequestedData).runId } });
    }
    return result;
  },
);
