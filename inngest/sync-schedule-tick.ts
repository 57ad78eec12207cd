import { inngest } from "@/lib/job-engine/client";
import { syncRequested } from "@/lib/job-engine/events";
import { findDueSyncs, queueDueSyncs } from "@/lib/sync-runs/schedule";

/**
 * The schedule a superuser chooses lives in the database, so a fixed cron ticks often and sends the syncs
 * that are due. Event ids carry the time slot: a slot never runs twice, even if a tick repeats.
 */
export const syncScheduleTick = inngest.createFunction(
  { id: "sync-schedule-tick", triggers: [{ cron: "*/10 * * * *" }] },
  async ({ step }) => {
    const due = await step.run("find-due-syncs", () => findDueSyncs(new Date()));
    const queued = await step.run("queue-due-syncs", () => queueDueSyncs(due));
    if (queued.length === 0) return { sent: 0 };
    await step.sendEvent(
      "send-sync-requests",
      queued.map((sync) =>
        syncRequested[sync.kind].create(
          { runId: sync.runId, connectionId: sync.connectionId, trigger: "scheduled", full: false, requestedBy: null },
          { id: `scheduled-${sync.connectionId}-${sync.kind}-${sync.slot}` },
        ),
      ),
    );
    return { sent: queued.length };
  },
);
