import { inngest } from "@/lib/job-engine/client";
import { deliverPendingAlertMail } from "@/lib/alerts/deliver-mail";
import { evaluateTimedAlerts } from "@/lib/alerts/timed-alerts";

/**
 * Every 10 minutes: the alerts that come with time (the secret's expiry stages, stalled schedules), and
 * any alert mail still waiting because the mail server failed earlier.
 */
export const alertSweep = inngest.createFunction(
  { id: "alert-sweep", triggers: [{ cron: "*/10 * * * *" }], singleton: { key: "alert-sweep", mode: "skip" } },
  async ({ step }) => {
    const { stalled } = await step.run("evaluate-timed-alerts", () => evaluateTimedAlerts(new Date()));
    const { sent, waiting } = await step.run("deliver-alert-mail", () => deliverPendingAlertMail());
    return { stalled, sent, waiting };
  },
);
