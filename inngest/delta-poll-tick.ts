import { inngest } from "@/lib/job-engine/client";
import { deltaRequested } from "@/lib/job-engine/events";
import { findDeltaPolls } from "@/lib/sync-runs/continuous-connections";

/** Events per request to the event API, as the schedule tick sends them. */
const EVENTS_PER_SEND = 200;

/**
 * Every minute, for each connection syncing Continuously: a delta round per kind (devices always, users unless
 * Graph notifies their changes), each one Graph request when nothing changed. It works without HTTPS: nothing
 * has to reach Vertask from Microsoft. The hourly-and-slower schedule keeps its own tick (sync-schedule-tick.ts).
 * Event ids carry the minute: a minute's poll is asked for once, even if a tick repeats.
 */
export const deltaPollTick = inngest.createFunction(
  { id: "delta-poll-tick", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => {
    const minute = await step.run("which-minute", () => Math.floor(Date.now() / 60_000));
    const polls = await step.run("find-delta-polls", findDeltaPolls);
    for (let first = 0; first < polls.length; first += EVENTS_PER_SEND) {
      await step.sendEvent(
        `send-delta-requests-from-${first}`,
        polls
          .slice(first, first + EVENTS_PER_SEND)
          .map((poll) =>
            deltaRequested.create(
              { connectionId: poll.connectionId, kind: poll.kind, reason: "poll" },
              { id: `poll-${poll.connectionId}-${poll.kind}-${minute}` },
            ),
          ),
      );
    }
    return { sent: polls.length };
  },
);
