// The properties Graph knows for each kind of directory object, and those it sends when no $select names any.
import type { ObjectKind } from "./ids";

export const USER_PROPERTIES = [
  "id",
  "displayName",
  "givenName",
  "surname",
  "mail",
  "userPrincipalName",
  "userType",
  "accountEnabled",
  "jobTitle",
  "department",
  "companyName",
  "officeLocation",
  "mobilePhone",
  "businessPhones",
  "preferredLanguage",
  "externalUserState",
  "createdDateTime",
  "assignedLicenses",
];
export const DEVICE_PROPERTIES = [
  "id",
  "deviceId",
  "displayName",
  "operatingSystem",
  "operatingSystemVersion",
  "trustType",
  "isManaged",
  "isCompliant",
  "accountEnabled",
  "approximateLastSignInDateTime",
  "registrationDateTime",
  "manufacturer",
  "model",
];
export const GROUP_PROPERTIES = [
  "id",
  "displayName",
  "description",
  "mail",
  "mailEnabled",
  "mailNickname",
  "securityEnabled",
  "groupTypes",
  "visibility",
  "createdDateTime",
];

/** Graph's documented default user properties; anything else must be named in $select. */
export const DEFAULT_USER_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
];

/** What `$search="property:text"` may name. */
const SEARCHABLE: Record<ObjectKind, string[]> = {
  user: ["displayName", "givenName", "surname", "mail", "userPrincipalName"],
  device: ["displayName"],
  group: ["displayName", "description", "mail", "mailNickname"],
};
const PROPERTIES: Record<ObjectKind, string[]> = {
  user: USER_PROPERTIES,
  device: DEVICE_PROPERTIES,
  group: GROUP_PROPERTIES,
};
const DEFAULTS: Record<ObjectKind, string[]> = {
  user: DEFAULT_USER_PROPERTIES,
  device: DEVICE_PROPERTIES,
  group: GROUP_PROPERTIES,
};

export const propertiesOf = (kind: ObjectKind) => PROPERTIES[kind];
export const defaultsOf = (kind: ObjectKind) => DEFAULTS[kind];
export const searchableOf = (kind: ObjectKind) => SEARCHABLE[kind];
