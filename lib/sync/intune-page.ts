import "server-only";
import { fetchManagedDevicesPage, type GraphManagedDevice, type GraphPage } from "@/lib/azure";
import { writeIntunePage, type ManagedRow } from "./intune-write";
import type { PageListing } from "./page-steps";

// A devices sync's last pass: Intune's managed devices, every one at every devices sync (Intune has no delta
// query), each joined to its Entra device by azureADDeviceId = the Entra device's deviceId (never by name, so a
// rename changes nothing). A managed device without an Entra device is kept as a device of its own (source
// "intune", known by its managed device id). Each page is written in one statement with its page record, so a
// retried step resumes after the last page written; the last page also clears what Intune no longer lists.

/** Intune's answer for a device without an Entra registration. */
const NO_ENTRA_DEVICE = "00000000-0000-0000-0000-000000000000";

const blankToNull = (value: string | null) => (value?.trim() ? value.trim() : null);

function rowOf(device: GraphManagedDevice): ManagedRow {
  const entraDeviceId = blankToNull(device.azureADDeviceId)?.toLowerCase() ?? null;
  return {
    intune_device_id: device.id,
    azure_ad_device_id: entraDeviceId === NO_ENTRA_DEVICE ? null : entraDeviceId,
    device_name: blankToNull(device.deviceName) ?? blankToNull(device.serialNumber) ?? device.id,
    serial_number: blankToNull(device.serialNumber),
    manufacturer: blankToNull(device.manufacturer),
    model: blankToNull(device.model),
    operating_system: blankToNull(device.operatingSystem),
    operating_system_version: blankToNull(device.osVersion),
    compliance_state: blankToNull(device.complianceState),
    intune_last_sync_at: device.lastSyncDateTime,
    enrolled_at: device.enrolledDateTime,
    ownership: blankToNull(device.managedDeviceOwnerType),
    management_agent: blankToNull(device.managementAgent),
    is_encrypted: device.isEncrypted,
    primary_user_principal_name: blankToNull(device.userPrincipalName),
    primary_user_display_name: blankToNull(device.userDisplayName),
  };
}

/**
 * A page's managed devices, one per Entra device: when Intune keeps two records of one device (enrolled again),
 * the one that checked in last stands for it.
 */
function managedRows(items: GraphManagedDevice[]): ManagedRow[] {
  const byEntraDevice = new Map<string, ManagedRow>();
  const rows: ManagedRow[] = [];
  for (const row of new Map(items.map((item) => [item.id, rowOf(item)])).values()) {
    if (!row.azure_ad_device_id) {
      rows.push(row);
      continue;
    }
    const kept = byEntraDevice.get(row.azure_ad_device_id);
    if (!kept || (row.intune_last_sync_at ?? "") > (kept.intune_last_sync_at ?? "")) {
      byEntraDevice.set(row.azure_ad_device_id, row);
    }
  }
  return [...rows, ...byEntraDevice.values()];
}

type IntunePage = GraphPage<GraphManagedDevice>;

/**
 * The managed devices, page by page (Intune's pages, 1,000 at most). Its pages count only the devices Intune
 * alone has (created, restored, removed); a joined device's Intune details are not counted as an update.
 */
export const intuneListing: PageListing<IntunePage, ManagedRow[]> = {
  fetch: (graph, link) => fetchManagedDevicesPage(graph, link),
  prepare: async (_plan, page) => managedRows(page.items),
  write: (plan, pageIndex, page, rows) => writeIntunePage(plan, pageIndex, rows, page.nextLink),
};
