import { inngest } from "@/lib/job-engine/client";
import { subscriptionsMaintenanceRequested } from "@/lib/job-engine/events";
import { connectionsDueForMaintenance } from "@/lib/graph-notifications";

/** Events per request to the event API, as the other ticks send them. */
const EVENTS_PER_SEND = 200;
const slotMs = 5 * 60_000;

/**
 * Every 5 minutes, one query finds the connections whose Graph subscriptions need Graph now (to create, renew
 * before expiry, delete after leaving continuous mode or being disabled), and asks for each one's maintenance.
 * A connection with nothing due costs no Graph request. Event ids carry the slot: a repeated tick asks nothing twice.
 */
export const graphSubscriptionsTick = inngest.createFunction(
  { id: "graph-subscriptions-tick", triggers: [{ cron: "*/5 * * * *" }], retries: 2 },
  async ({ step }) => {
    const { connectionIds, slot } = await step.run("find-due-subscriptions", async () => {
      const now = new Date();
      return { connectionIds: await connectionsDueForMaintenance(now), slot: Math.floor(now.getTime() / slotMs) };
    });
    for (let first = 0; first < connectionIds.length; first += EVENTS_PER_SEND) {
      await step.sendEvent(
        `request-maintenance-from-${first}`,
        connectionIds
          .slice(first, first + EVENTS_PER_SEND)
          .map((connectionId) =>
            subscriptionsMaintenanceRequested.create({ connectionId }, { id: `subscriptions-${connectionId}-${slot}` }),
          ),
      );
    }
    return { requested: connectionIds.length };
  },
);
