import type { GraphDeviceChange, GraphUserChange } from "@/lib/azure";

// The columns a sync writes: exactly the fields Entra provides. Columns only Vertask keeps are never here.

export type ClientFields = {
  displayName: string;
  givenName: string | null;
  surname: string | null;
  mail: string | null;
  userPrincipalName: string | null;
  userType: string | null;
  isExternal: boolean;
  accountEnabled: boolean;
  jobTitle: string | null;
  department: string | null;
  companyName: string | null;
  officeLocation: string | null;
  mobilePhone: string | null;
  businessPhones: string[];
};

export type DeviceFields = {
  deviceId: string | null;
  displayName: string;
  operatingSystem: string | null;
  operatingSystemVersion: string | null;
  trustType: string | null;
  isManaged: boolean | null;
  isCompliant: boolean | null;
  accountEnabled: boolean;
  lastSignInAt: Date | null;
  registeredAt: Date | null;
  manufacturer: string | null;
  model: string | null;
};

/** A delta change names at least what changed; what it leaves out keeps the value Vertask has. */
function pick<T>(changed: T | null | undefined, kept: T | null | undefined): T | null {
  return changed === undefined ? (kept ?? null) : changed;
}

/** Guests, and external people invited as members, whose principal name carries #EXT#. */
export function isExternalUser(userType: string | null, userPrincipalName: string | null) {
  return userType === "Guest" || Boolean(userPrincipalName?.includes("#EXT#"));
}

export function clientFieldsFrom(change: GraphUserChange, kept?: Partial<ClientFields>): ClientFields | null {
  const displayName = pick(change.displayName, kept?.displayName) ?? pick(change.userPrincipalName, kept?.userPrincipalName);
  if (!displayName) return null;
  const userType = pick(change.userType, kept?.userType);
  const userPrincipalName = pick(change.userPrincipalName, kept?.userPrincipalName);
  return {
    displayName,
    givenName: pick(change.givenName, kept?.givenName),
    surname: pick(change.surname, kept?.surname),
    mail: pick(change.mail, kept?.mail),
    userPrincipalName,
    userType,
    isExternal: isExternalUser(userType, userPrincipalName),
    accountEnabled: pick(change.accountEnabled, kept?.accountEnabled) ?? true,
    jobTitle: pick(change.jobTitle, kept?.jobTitle),
    department: pick(change.department, kept?.department),
    companyName: pick(change.companyName, kept?.companyName),
    officeLocation: pick(change.officeLocation, kept?.officeLocation),
    mobilePhone: pick(change.mobilePhone, kept?.mobilePhone),
    businessPhones: pick(change.businessPhones, kept?.businessPhones) ?? [],
  };
}

const toDate = (value: string | null | undefined) => (value === undefined ? undefined : value === null ? null : new Date(value));

export function deviceFieldsFrom(change: GraphDeviceChange, kept?: Partial<DeviceFields>): DeviceFields | null {
  const displayName = pick(change.displayName, kept?.displayName);
  if (!displayName) return null;
  return {
    deviceId: pick(change.deviceId, kept?.deviceId),
    displayName,
    operatingSystem: pick(change.operatingSystem, kept?.operatingSystem),
    operatingSystemVersion: pick(change.operatingSystemVersion, kept?.operatingSystemVersion),
    trustType: pick(change.trustType, kept?.trustType),
    isManaged: pick(change.isManaged, kept?.isManaged),
    isCompliant: pick(change.isCompliant, kept?.isCompliant),
    accountEnabled: pick(change.accountEnabled, kept?.accountEnabled) ?? true,
    lastSignInAt: pick(toDate(change.approximateLastSignInDateTime), kept?.lastSignInAt),
    registeredAt: pick(toDate(change.registrationDateTime), kept?.registeredAt),
    manufacturer: pick(change.manufacturer, kept?.manufacturer),
    model: pick(change.model, kept?.model),
  };
}

/** Whether a write would change anything the list shows. */
export function sameFields<F extends object>(a: F, b: Partial<F>) {
  return (Object.keys(a) as (keyof F)[]).every((key) => {
    const left = a[key];
    const right = b[key];
    if (left instanceof Date || right instanceof Date) return (left as Date | null)?.getTime?.() === (right as Date | null)?.getTime?.();
    return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
  });
}
