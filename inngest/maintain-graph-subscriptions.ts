import { inngest } from "@/lib/job-engine/client";
import { deltaRequested, subscriptionsMaintenanceRequested } from "@/lib/job-engine/events";
import { syncFunctionConcurrency } from "@/lib/job-engine/sync-concurrency";
import { maintainGraphSubscriptions } from "@/lib/graph-notifications";

/**
 * One connection's Graph subscriptions brought in line with its settings (lib/graph-notifications/maintain.ts),
 * one run at a time per connection, in a slot of the syncs' shared limit as it asks Graph. Its step returns only
 * counters. After a subscription is made (again), a delta round of the users catches up what no notification told.
 */
export const maintainGraphSubscriptionsFunction = inngest.createFunction(
  {
    id: "maintain-graph-subscriptions",
    triggers: [subscriptionsMaintenanceRequested],
    concurrency: syncFunctionConcurrency(),
    retries: 3,
  },
  async ({ event, step }) => {
    const { connectionId } = event.data;
    const outcome = await step.run("maintain-subscriptions", () => maintainGraphSubscriptions(connectionId));
    if (outcome.catchUp)
      await step.sendEvent(
        "catch-up-delta",
        deltaRequested.create({ connectionId, kind: "users", reason: "lifecycle" }),
      );
    return outcome;
  },
);
