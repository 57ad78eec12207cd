import { inngest } from "@/lib/job-engine/client";
import { connectionCheckRequested } from "@/lib/job-engine/events";
import { syncFunctionConcurrency } from "@/lib/job-engine/sync-concurrency";
import { checkConnectionHealth } from "@/lib/alerts/connection-health";
import { deliverPendingAlertMail } from "@/lib/alerts/deliver-mail";

/**
 * The daily check of one connection (sent by connectionHealthCheck). It reads Graph as a sync does, so it takes a
 * slot of the same shared limit, one per connection at a time. Its step returns only whether the check passed;
 * mail goes out at once when the check opened or cleared the condition.
 */
export const checkConnection = inngest.createFunction(
  { id: "check-connection", triggers: [connectionCheckRequested], concurrency: syncFunctionConcurrency(), retries: 2 },
  async ({ event, step }) => {
    const { ok, changed } = await step.run("check-connection", () =>
      checkConnectionHealth(event.data.connectionId, new Date()),
    );
    const { sent } = changed ? await step.run("deliver-alert-mail", () => deliverPendingAlertMail()) : { sent: 0 };
    return { ok, sent };
  },
);
