/**
 * The name a record's page gives each field an event tells of: the synced columns (lib/synced-fields) and what
 * staff type by hand (lib/clients/client-fields.ts names them name, mail, phone, company). Declared here, not
 * imported, because those modules append events through lib/history.
 */
const clientFieldLabels: Record<string, string> = {
  displayName: "Display name",
  givenName: "Given name",
  surname: "Surname",
  mail: "Mail",
  userPrincipalName: "User principal name",
  userType: "User type",
  accountEnabled: "Account enabled",
  jobTitle: "Job title",
  department: "Department",
  companyName: "Company",
  officeLocation: "Office",
  mobilePhone: "Mobile phone",
  businessPhones: "Business phones",
  licensed: "Licensed",
  isExternal: "External",
  notes: "Notes",
  name: "Name",
  phone: "Phone",
  company: "Company",
};

const deviceFieldLabels: Record<string, string> = {
  displayName: "Display name",
  deviceId: "Device id",
  operatingSystem: "Operating system",
  operatingSystemVersion: "Version",
  trustType: "Trust type",
  isManaged: "Managed",
  isCompliant: "Compliant",
  accountEnabled: "Enabled",
  lastSignInAt: "Last sign-in",
  registeredAt: "Registered",
  manufacturer: "Manufacturer",
  model: "Model",
  ownerEntraObjectId: "Owner",
  // Intune's, told by a devices sync's Intune pass (lib/sync/intune-page.ts).
  serialNumber: "Serial number",
  complianceState: "Intune compliance",
  ownership: "Ownership",
  managementAgent: "Management agent",
  isEncrypted: "Encrypted",
  primaryUserPrincipalName: "Primary user",
};

export type RecordKind = "client" | "device";

/** "Job title" for jobTitle; a field no page names (a newer sync's) is shown by its own name. */
export function fieldLabel(record: RecordKind, field: string) {
  const labels = record === "client" ? clientFieldLabels : deviceFieldLabels;
  return Object.hasOwn(labels, field) ? labels[field] : field;
}
