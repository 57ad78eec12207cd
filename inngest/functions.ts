import { syncDevices } from "./sync-devices";
import { syncRunCancelled } from "./sync-run-cancelled";
import { syncScheduleTick } from "./sync-schedule-tick";
import { sendPortalInvitations } from "./send-portal-invitations";
import { syncUsers } from "./sync-users";

/** Every function the app serves at /api/inngest. */
export const functions = [syncUsers, syncDevices, syncRunCancelled, syncScheduleTick, sendPortalInvitations];
