import { inngest } from "./client";
import { syncRequestedEvent, type SyncRequestedData } from "./events";
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
      queued.map((sync) => ({
        id: `scheduled-${sync.connectionId}-${sync.kind}-${sync.slot}`,
        name: syncRequestedEvent(sync.kind),
        data: { runId: sync.runId, connectionId: sync.connectionId, trigger: "scheduled", full: false, requestedBy: null } satisfies SyncRequestedData,
      })),
    );
    return { sent: queued.length };
  },
);
