import "server-only";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { batchGet } from "./batch";
import { EntraError } from "./errors/entra-error";
import { directoryListing, type ListingOptions } from "./directory-listing";
import type { GraphSession } from "./graph-session";
import {
  DEVICE_SELECT,
  directoryObjectReferenceSchema,
  graphDeviceChangeSchema,
  graphDeviceSchema,
} from "./graph-shapes";

const devices = directoryListing({
  resource: "devices",
  select: DEVICE_SELECT,
  itemSchema: graphDeviceSchema,
  changeSchema: graphDeviceChangeSchema,
});

export type DeviceListing = Omit<ListingOptions, "expand"> & {
  /**
   * Ask for each device's owner in the same page (`$expand=registeredOwners($select=id)`). Graph then
   * answers at most 100 devices a page, whatever the page size.
   */
  includeOwners?: boolean;
};

const asListingOptions = (listing: DeviceListing): ListingOptions => ({
  filter: listing.filter,
  pageSize: listing.pageSize,
  expand: listing.includeOwners ? "registeredOwners($select=id)" : undefined,
});

/** One page of all devices; `null` for the first, then each page's `nextLink` until it is null. */
export const fetchDevicesPage = (graph: GraphSession, nextLink: string | null, listing: DeviceListing = {}) =>
  devices.fetchPage(graph, nextLink, asListingOptions(listing));

/** One page of `devices/delta` (`null` starts a round). Delta cannot expand owners: see fetchFirstOwners. */
export const fetchDevicesDeltaPage = devices.fetchChangesPage;

const isUserReference = (owner: { "@odata.type"?: string }) =>
  !owner["@odata.type"] || owner["@odata.type"] === "#microsoft.graph.user";
const devicesWithOwnersSchema = z.object({
  value: z.array(z.object({ id: z.string(), registeredOwners: z.array(directoryObjectReferenceSchema).optional() })),
});

/** Graph's limit on the values of one `in (…)` filter (without advanced query parameters). */
const IDS_PER_FILTER = 15;

const devicesWithOwnersPath = (ids: string[]) => {
  const filter = `id in (${ids.map((id) => `'${id.replace(/'/g, "''")}'`).join(",")})`;
  return `/devices?$filter=${encodeURIComponent(filter)}&$select=id&$expand=${encodeURIComponent("registeredOwners($select=id)")}`;
};

/**
 * The first registered owner (a user) of each device. Delta cannot expand owners and the plain listing
 * expands them only 100 devices a page, so the devices are asked again 15 at a time
 * (`/devices?$filter=id in (…)&$expand=registeredOwners`), 20 such requests to a JSON batch (300 devices),
 * `batchesAtOnce` batches at once. A device gone from Entra is not listed: it has none.
 */
export async function fetchFirstOwners(
  graph: GraphSession,
  deviceObjectIds: string[],
  batchesAtOnce: number,
): Promise<Map<string, string | null>> {
  const owners = new Map<string, string | null>(deviceObjectIds.map((id) => [id, null]));
  const paths: string[] = [];
  for (let i = 0; i < deviceObjectIds.length; i += IDS_PER_FILTER)
    paths.push(devicesWithOwnersPath(deviceObjectIds.slice(i, i + IDS_PER_FILTER)));
  const answers = await batchGet(graph, paths, "devices", batchesAtOnce);
  for (const answer of answers.values()) {
    if (!answer) continue;
    for (const device of devicesWithOwnersSchema.parse(answer).value) {
      if (owners.has(device.id)) owners.set(device.id, device.registeredOwners?.find(isUserReference)?.id ?? null);
    }
  }
  return owners;
}

/**
 * A devices delta link from now (`$deltatoken=latest`, see deltaLinkFromNow), or null when Graph refuses it
 * (400): Microsoft documents "sync from now" for Entra ID resources such as users and groups, and does not
 * name devices. Without it a full devices sync lists through a delta round.
 */
export async function fetchDevicesDeltaLinkFromNow(graph: GraphSession): Promise<string | null> {
  try {
    return await devices.fetchDeltaLinkFromNow(graph);
  } catch (error) {
    if (error instanceof EntraError && error.cause instanceof GraphError && error.cause.statusCode === 400) return null;
    throw error;
  }
}

export const pagesOfDevices = (graph: GraphSession, listing: DeviceListing = {}) =>
  devices.pages(graph, asListingOptions(listing));

export const pagesOfDeviceChanges = devices.pagesOfChanges;
