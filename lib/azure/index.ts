// Everything that crosses the wire to Microsoft Entra ID and Microsoft Graph. Server-only.
// Product code enters here (client components use ./admin-consent-url); tests may open the files behind it.
import "server-only";

export { type EntraConnectionSettings } from "./connection";
export { adminConsentUrl, entraEndpointsFromEnv, multiTenantAdminConsentUrl } from "./endpoints";
export { openGraphSession, type GraphOptions, type GraphSession } from "./graph-session";
export type { DeltaPage, GraphPage } from "./graph-pages";
export type { GraphDeviceChange, GraphUserChange } from "./graph-shapes";
export { fetchUsersDeltaLinkFromNow, fetchUsersDeltaPage, fetchUsersPage } from "./users";
export { fetchDevicesDeltaLinkFromNow, fetchDevicesPage, fetchDevicesDeltaPage, fetchFirstOwners } from "./devices";
export { EntraError } from "./errors/entra-error";
export { fetchManagedDevicesPage, isIntuneNotGranted, type GraphManagedDevice } from "./managed-devices";
export { checkEntraConnection, type CheckStep, type EntraConnectionReport } from "./connection-check";
export { fetchGroupMemberIdsPage, searchGroups, type GraphGroup } from "./groups";
export { readTenantOrganization, tenantIdOfDomain } from "./tenant-lookup";
export { tokenRequestCredential } from "./client-assertion";
export {
  createGraphSubscription,
  deleteGraphSubscription,
  DIRECTORY_SUBSCRIPTION_MAX_MINUTES,
  isGoneFromGraph,
  listGraphSubscriptions,
  renewGraphSubscription,
} from "./subscriptions";
