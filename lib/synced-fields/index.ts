// Each synced Entra attribute declared once, per kind: Graph property, payload type, column (see declaration.ts).
export { graphProperties, graphTypes, writtenColumns, type SyncedFields, type WrittenColumn } from "./declaration";
export { isExternalUser, userFields } from "./users";
export { deviceFields, deviceOwnerColumns } from "./devices";
