import "server-only";
import { z } from "zod";
import { EntraError } from "./errors/entra-error";
import { fetchCollectionPage, graphUrl, type GraphPage } from "./graph-pages";
import type { GraphSession } from "./graph-session";

// Intune's managed devices ("managedDevice resource type", learn.microsoft.com/graph/api/resources/intune-devices-manageddevice),
// listed with "List managedDevices" (GET /deviceManagement/managedDevices, application permission
// DeviceManagementManagedDevices.Read.All). Intune has no delta query: every devices sync lists them all.

/** The properties Vertask stores, each named in `$select` so a page carries nothing else. */
const MANAGED_DEVICE_SELECT = [
  "id",
  "deviceName",
  "azureADDeviceId",
  "serialNumber",
  "manufacturer",
  "model",
  "operatingSystem",
  "osVersion",
  "complianceState",
  "lastSyncDateTime",
  "enrolledDateTime",
  "managedDeviceOwnerType",
  "managementAgent",
  "isEncrypted",
  "userPrincipalName",
  "userDisplayName",
] as const;

const text = z.string().nullable().default(null);

const graphManagedDeviceSchema = z.object({
  id: z.string().min(1),
  deviceName: text,
  azureADDeviceId: text,
  serialNumber: text,
  manufacturer: text,
  model: text,
  operatingSystem: text,
  osVersion: text,
  complianceState: text,
  lastSyncDateTime: text,
  enrolledDateTime: text,
  managedDeviceOwnerType: text,
  managementAgent: text,
  isEncrypted: z.boolean().nullable().default(null),
  userPrincipalName: text,
  userDisplayName: text,
});

export type GraphManagedDevice = z.infer<typeof graphManagedDeviceSchema>;

/** One page of the managed devices: `null` for the first, then each page's `nextLink` until it is null. */
export function fetchManagedDevicesPage(
  graph: GraphSession,
  nextLink: string | null,
  { pageSize }: { pageSize?: number } = {},
): Promise<GraphPage<GraphManagedDevice>> {
  const url =
    nextLink ??
    graphUrl(graph, "deviceManagement/managedDevices", { $select: MANAGED_DEVICE_SELECT.join(","), $top: pageSize });
  return fetchCollectionPage({ graph, resource: "managedDevices" }, url, graphManagedDeviceSchema);
}

/** The app may not read Intune (no DeviceManagementManagedDevices.Read.All): a sync then reads Entra only. */
export const isIntuneNotGranted = (error: unknown) =>
  error instanceof EntraError && error.code === "permission_missing";
