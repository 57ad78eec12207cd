import { eventType } from "inngest";
import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { syncKind, syncTrigger, type SyncKind } from "@/db/schema";

// Every event the app sends, with the zod schema of its data: handlers get typed `event.data`, and a sent
// event is checked against its schema before it leaves.

const syncRequestedData = z.object({
  /** The sync_runs row recorded before sending. */
  runId: uuidField(),
  connectionId: uuidField(),
  trigger: z.enum(syncTrigger.enumValues.filter((trigger) => trigger !== "command_line") as ["manual", "scheduled"]),
  full: z.boolean(),
  requestedBy: z.string().nullable(),
});
export type SyncRequestedData = z.infer<typeof syncRequestedData>;

/** Asks for a sync of one kind; its function runs the run `runId` names. */
export const syncRequested = Object.fromEntries(
  syncKind.enumValues.map((kind) => [kind, eventType(`azure/${kind}.sync-requested`, { schema: syncRequestedData })]),
) as { [K in SyncKind]: ReturnType<typeof eventType<`azure/${K}.sync-requested`, typeof syncRequestedData>> };

/** Asks what a users sync would do, written nowhere; its function runs the preview run `runId` names. */
export const usersPreviewRequested = eventType("azure/users.preview-requested", { schema: syncRequestedData });

/** Asks the job engine to stop a sync run (the sync functions' cancelOn). */
export const syncCancelRequested = eventType("azure/sync.cancel-requested", {
  schema: z.object({ runId: uuidField() }),
});

/** Asks for the daily check of one connection (what Test connection would say); the daily cron sends one per connection. */
export const connectionCheckRequested = eventType("azure/connection.check-requested", {
  schema: z.object({ connectionId: uuidField() }),
});

/**
 * Asks for one connection's Graph change-notification subscriptions to be brought in line with its settings
 * (created, renewed, created again, or deleted): the minute's subscriptions tick sends it when something is due,
 * the lifecycle endpoint when Graph asks for a reauthorization or has removed a subscription.
 */
export const subscriptionsMaintenanceRequested = eventType("azure/subscriptions.maintenance-requested", {
  schema: z.object({ connectionId: uuidField() }),
});

/** Asks for the waiting client-portal invitations to be sent; the data says what asked, for the logs. */
export const invitationsRequested = eventType("portal/invitations.requested", {
  schema: z.object({ runId: uuidField().optional(), clientId: uuidField().optional() }),
});

/**
 * Inngest's own event when it gives up on a run or cancels it (inngest/function.failed, .cancelled): the
 * run's triggering event comes with it.
 */
export const endedSyncRun = z.object({
  function_id: z.string(),
  event: z.object({ data: syncRequestedData.pick({ runId: true }) }),
  error: z.object({ message: z.string().optional() }).optional(),
});

/** Why a delta round of one connection and kind was asked for: a Graph change notification, a lifecycle notification, or the minute's poll. */
const deltaReasons = ["notification", "lifecycle", "poll"] as const;

/**
 * Asks for a delta round of one connection and kind ("Continuously (within a minute)"): the notification
 * endpoint sends it for a change or lifecycle notification, the schedule tick every minute for polling. Many
 * requests in a few seconds make one run; one arriving while a run is going makes one more run after it.
 */
export const deltaRequested = eventType("azure/delta.requested", {
  schema: z.object({
    connectionId: uuidField(),
    kind: z.enum(syncKind.enumValues),
    reason: z.enum(deltaReasons),
  }),
});
