import "server-only";
import { GraphError } from "@microsoft/microsoft-graph-client";
import type { EntraConnectionSettings } from "./connection";
import { EntraError } from "./errors";
import { fetchCollectionPage, fetchDeltaPage, graphUrl, type DeltaPage, type GraphPage } from "./graph-pages";
import type { GraphOptions } from "./graph-request";
import {
  DEVICE_SELECT, directoryObjectReferenceSchema, graphDeviceChangeSchema, graphDeviceSchema,
  type GraphDevice, type GraphDeviceChange,
} from "./graph-shapes";

export type DeviceListingOptions = GraphOptions & {
  /**
   * Ask for each device's owner in the same page (`$expand=registeredOwners($select=id)`). Graph then
   * answers at most 100 devices a page, whatever the page size.
   */
  includeOwners?: boolean;
  filter?: string;
  pageSize?: number;
};

const MAX_PAGE_SIZE = 999;

/** One page of all devices; `null` for the first, then each page's `nextLink` until it is null. */
export function fetchDevicesPage(
  settings: EntraConnectionSettings,
  nextLink: string | null,
  options: DeviceListingOptions = {},
): Promise<GraphPage<GraphDevice>> {
  const url =
    nextLink ??
    graphUrl(options, "devices", {
      $select: DEVICE_SELECT.join(","),
      $top: options.pageSize ?? MAX_PAGE_SIZE,
      $filter: options.filter,
      $expand: options.includeOwners ? "registeredOwners($select=id)" : undefined,
    });
  return fetchCollectionPage({ settings, resource: "devices", options }, url, graphDeviceSchema);
}

/** One page of `devices/delta` (`null` starts a round). Delta cannot expand owners: see fetchDeviceOwnerIds. */
export function fetchDevicesDeltaPage(
  settings: EntraConnectionSettings,
  link: string | null,
  options: GraphOptions = {},
): Promise<DeltaPage<GraphDeviceChange>> {
  const url = link ?? graphUrl(options, "devices/delta", { $select: DEVICE_SELECT.join(",") });
  return fetchDeltaPage({ settings, resource: "devices", options }, url, graphDeviceChangeSchema);
}

/** The object ids of a device's registered owners; none when the device no longer exists. */
export async function fetchDeviceOwnerIds(
  settings: EntraConnectionSettings,
  deviceObjectId: string,
  options: GraphOptions = {},
): Promise<string[]> {
  const ownerIds: string[] = [];
  let link: string | null = graphUrl(options, `devices/${encodeURIComponent(deviceObjectId)}/registeredOwners`, { $select: "id" });
  try {
    while (link) {
      const page: GraphPage<{ id: string; "@odata.type"?: string }> = await fetchCollectionPage(
        { settings, resource: "devices", options },
        link,
        directoryObjectReferenceSchema,
      );
      // Owners are users; other directory objects (if Graph ever sends them) cannot own a client's device.
      const users = page.items.filter((owner) => !owner["@odata.type"] || owner["@odata.type"] === "#microsoft.graph.user");
      ownerIds.push(...users.map((owner) => owner.id));
      link = page.nextLink;
    }
  } catch (error) {
    if (error instanceof EntraError && error.cause instanceof GraphError && error.cause.statusCode === 404) return [];
    throw error;
  }
  return ownerIds;
}

/** Every page of devices, one at a time. */
export async function* pagesOfDevices(settings: EntraConnectionSettings, options: DeviceListingOptions = {}) {
  let nextLink: string | null = null;
  do {
    const page: GraphPage<GraphDevice> = await fetchDevicesPage(settings, nextLink, options);
    yield page;
    nextLink = page.nextLink;
  } while (nextLink);
}

/** Every page of a devices delta round, one at a time; stops after a page that needs a full resync. */
export async function* pagesOfDeviceChanges(settings: EntraConnectionSettings, deltaLink: string | null, options: GraphOptions = {}) {
  let link: string | null = deltaLink;
  do {
    const page: DeltaPage<GraphDeviceChange> = await fetchDevicesDeltaPage(settings, link, options);
    yield page;
    link = page.fullResyncNeeded ? null : page.nextLink;
  } while (link);
}
