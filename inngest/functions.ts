import { syncDevices } from "./sync-devices";
import { syncUsers } from "./sync-users";

/** Every function the app serves at /api/inngest. */
export const functions = [syncUsers, syncDevices];
