import { inngest } from "@/lib/job-engine/client";
import { deliverPendingAlertMail } from "@/lib/alerts/deliver-mail";
import { evaluateTimedAlerts } from "@/lib/alerts/timed-alerts";

/**
 * Every 10 minutes: the alerts that come with time (the credentials' expiry stages, stalled schedules) for every
 * organization and the provider app, and any alert mail still waiting because the mail server failed earlier. Two
 * steps whatever the number of organizations: what is due is found in a fixed number of queries.
 */
export const alertSweep = inngest.createFunction(
  { id: "alert-sweep", triggers: [{ cron: "*/10 * * * *" }], singleton: { key: "alert-sweep", mode: "skip" } },
  async ({ step }) => {
    const { stalled } = await step.run("evaluate-timed-alerts", () => evaluateTimedAlerts(new Date()));
    const { sent, waiting } = await step.run("deliver-alert-mail", () => deliverPendingAlertMail());
    return { stalled, sent, waiting };
  },
);
