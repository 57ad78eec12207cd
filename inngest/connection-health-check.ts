import { inngest } from "@/lib/job-engine/client";
import { connectionCheckRequested } from "@/lib/job-engine/events";
import { connectionsToCheck } from "@/lib/alerts/connection-health";

/** Events per request to the event API, as the schedule tick sends them: a thousand connections in five steps. */
const EVENTS_PER_SEND = 200;

/**
 * Once a day, what "Test connection" would say with the saved settings, so a revoked permission or a deleted
 * secret is known before the next sync fails. This run only fans out one event per connection (checkConnection
 * checks it), so its steps stay far inside Inngest's limit whatever the number of organizations. Event ids carry
 * the day: a repeated run checks nobody twice.
 */
export const connectionHealthCheck = inngest.createFunction(
  { id: "connection-health-check", triggers: [{ cron: "0 6 * * *" }], retries: 2 },
  async ({ step }) => {
    const { connectionIds, day } = await step.run("find-connections-to-check", async () => ({
      connectionIds: await connectionsToCheck(),
      day: new Date().toISOString().slice(0, 10),
    }));
    for (let first = 0; first < connectionIds.length; first += EVENTS_PER_SEND) {
      await step.sendEvent(
        `request-checks-from-${first}`,
        connectionIds
          .slice(first, first + EVENTS_PER_SEND)
          .map((connectionId) =>
            connectionCheckRequested.create({ connectionId }, { id: `connection-check-${connectionId}-${day}` }),
          ),
      );
    }
    return { requested: connectionIds.length };
  },
);
