import type { SyncKind } from "@/db/schema";

/** The event that asks for a sync; `runId` is the sync_runs row recorded before sending. */
export type SyncRequestedData = {
  runId: string;
  connectionId: string;
  trigger: "manual" | "scheduled";
  full: boolean;
  requestedBy: string | null;
};

export const syncRequestedEvent = (kind: SyncKind) => `azure/${kind}.sync-requested` as const;

/** Asks for the waiting client-portal invitations to be sent. */
export const invitationsRequestedEvent = "portal/invitations.requested";

/** Asks the job engine to stop a sync run (the sync functions' cancelOn); `runId` is the sync_runs row. */
export const syncCancelRequestedEvent = "azure/sync.cancel-requested";
