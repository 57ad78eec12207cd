import { inngest } from "@/lib/job-engine/client";
import { checkConnectionHealth, connectionsToCheck } from "@/lib/alerts/connection-health";
import { deliverPendingAlertMail } from "@/lib/alerts/deliver-mail";

/**
 * Once a day, what "Test connection" would say with the saved settings, so a revoked permission or a
 * deleted secret is known before the next sync fails. One step per connection; steps return only ok.
 */
export const connectionHealthCheck = inngest.createFunction(
  { id: "connection-health-check", triggers: [{ cron: "0 6 * * *" }], retries: 2 },
  async ({ step }) => {
    const connectionIds = await step.run("find-connections-to-check", () => connectionsToCheck());
    let failing = 0;
    for (const connectionId of connectionIds) {
      const { ok } = await step.run(`check-connection-${connectionId}`, () => checkConnectionHealth(connectionId, new Date()));
      if (!ok) failing++;
    }
    const { sent } = await step.run("deliver-alert-mail", () => deliverPendingAlertMail());
    return { checked: connectionIds.length, failing, sent };
  },
);
