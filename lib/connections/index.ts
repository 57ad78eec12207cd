export { saveSyncSchedule, saveSyncSettings, saveUsersScope } from "./commands";
export { connectionMethodLabels } from "./connection-methods";
export {
  disabledMessage,
  findConnection,
  findConnectionById,
  notReadyMessage,
  notReadyMessages,
  notSetUpMessage,
  readinessFactsOf,
  readyToSyncSql,
  scopeGroupIds,
  syncReadiness,
  unknownOrganizationMessage,
  waitingForConsentMessage,
} from "./connection-row";
export { organizationIdField, syncSettingsForm } from "./form-schema";
export { frequencyLabels, hoursBetweenSyncs, type IntervalFrequency } from "./frequencies";
export { findGroups } from "./group-search";
export { entraSettingsOf } from "./load-credentials";
export { getSyncSettings, type SyncSettingsView } from "./queries";
export { usersScopeForm } from "./scope-form";
export { voidOpenConsentLinks } from "./open-consent-links";
export { lockConnections, organizationHoldingTenant, tenantTakenMessage } from "./tenant-holder";
export { testSavedConnection } from "./test-connection";
