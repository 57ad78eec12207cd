import { devices } from "@/db/schema";

/** What a device row shows in a list: the device lists, a client's page and the portal. */
export const deviceSummaryColumns = {
  id: devices.id,
  displayName: devices.displayName,
  operatingSystem: devices.operatingSystem,
  operatingSystemVersion: devices.operatingSystemVersion,
  isCompliant: devices.isCompliant,
  status: devices.status,
  lastSignInAt: devices.lastSignInAt,
  source: devices.source,
  serialNumber: devices.serialNumber,
};
