// Everything that crosses the wire to Microsoft Entra ID and Microsoft Graph. Server-only.
import "server-only";

export {
  adminConsentUrl, entraEndpointsFromEnv, PUBLIC_CLOUD,
  type EntraConnectionSettings, type EntraCredential, type EntraEndpoints,
} from "./connection";
export { acquireGraphToken, grantedRoles, forgetCachedTokenClients, type GraphAccessToken, type TokenOptions } from "./token";
export { DEFAULT_RETRY_POLICY, type GraphOptions, type GraphRetryPolicy } from "./graph-request";
export type { DeltaChange, DeltaPage, GraphPage } from "./graph-pages";
export {
  DEVICE_SELECT, USER_SELECT, graphDeviceChangeSchema, graphDeviceSchema, graphUserChangeSchema, graphUserSchema,
  type GraphDevice, type GraphDeviceChange, type GraphUser, type GraphUserChange,
} from "./graph-shapes";
export { fetchUsersPage, fetchUsersDeltaPage, pagesOfUsers, pagesOfUserChanges, type UserListingOptions } from "./users";
export {
  fetchDevicesPage, fetchDevicesDeltaPage, fetchDeviceOwnerIds, pagesOfDevices, pagesOfDeviceChanges,
  type DeviceListingOptions,
} from "./devices";
export { classifyEntraError, type EntraErrorContext } from "./classify-entra-error";
export { EntraError, type ClassifiedEntraError, type EntraErrorCode, type EntraFix, type EntraSettingField } from "./errors";
export { checkEntraConnection, type CheckStep, type EntraConnectionReport, type PermissionCheck } from "./connection-check";
export { NEEDED_PERMISSIONS, PERMISSION_FOR_RESOURCE, type GraphPermission, type GraphResource } from "./permissions";
