import { inngest } from "@/lib/job-engine/client";
import { syncRequested } from "@/lib/job-engine/events";
import { findDueSyncs, queueDueSyncs } from "@/lib/sync-runs/schedule";

/** Events per request to the event API: hundreds of due connections go in a few requests, each well inside its size limits. */
const EVENTS_PER_SEND = 200;

/**
 * The schedule a superuser chooses lives in the database, so a fixed cron ticks often and sends the syncs
 * that are due: one event per due connection and kind, found in one query and queued in one insert, sent in
 * batches. The sync functions' concurrency decides how many run at once. Event ids carry the time slot: a
 * slot never runs twice, even if a tick repeats.
 */
export const syncScheduleTick = inngest.createFunction(
  { id: "sync-schedule-tick", triggers: [{ cron: "*/10 * * * *" }] },
  async ({ step }) => {
    const due = await step.run("find-due-syncs", () => findDueSyncs(new Date()));
    const queued = await step.run("queue-due-syncs", () => queueDueSyncs(due));
    for (let first = 0; first < queued.length; first += EVENTS_PER_SEND) {
      await step.sendEvent(
        `send-sync-requests-from-${first}`,
        queued.slice(first, first + EVENTS_PER_SEND).map((sync) =>
          syncRequested[sync.kind].create(
            {
              runId: sync.runId,
              connectionId: sync.connectionId,
              trigger: "scheduled",
              full: false,
              requestedBy: null,
            },
            { id: `scheduled-${sync.connectionId}-${sync.kind}-${sync.slot}` },
          ),
        ),
      );
    }
    return { sent: queued.length };
  },
);
