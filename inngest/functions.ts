import { alertSweep } from "./alert-sweep";
import { previewUsers } from "./preview-users";
import { checkConnection } from "./check-connection";
import { connectionHealthCheck } from "./connection-health-check";
import { syncDevices } from "./sync-devices";
import { syncRunEndedByJobEngine } from "./sync-run-ended-by-job-engine";
import { syncScheduleTick } from "./sync-schedule-tick";
import { sendPortalInvitations } from "./send-portal-invitations";
import { syncUsers } from "./sync-users";
import { pruneRecordHistory } from "./prune-record-history";
import { refreshDeviceAttentionDaily } from "./refresh-device-attention";
import { syncDelta } from "./sync-delta";
import { deltaPollTick } from "./delta-poll-tick";
import { graphSubscriptionsTick } from "./graph-subscriptions-tick";
import { maintainGraphSubscriptionsFunction } from "./maintain-graph-subscriptions";

/** Every function the app serves at /api/inngest. */
export const functions = [
  syncUsers,
  syncDevices,
  previewUsers,
  syncRunEndedByJobEngine,
  syncScheduleTick,
  sendPortalInvitations,
  alertSweep,
  connectionHealthCheck,
  checkConnection,
  pruneRecordHistory,
  refreshDeviceAttentionDaily,
  syncDelta,
  deltaPollTick,
  graphSubscriptionsTick,
  maintainGraphSubscriptionsFunction,
];
