import "server-only";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { batchGet } from "./batch";
import { EntraError } from "./errors/entra-error";
import { fetchCollectionPage, fetchDeltaPage, graphUrl, nextDeltaLink, pagesFollowing, type DeltaPage, type GraphPage } from "./graph-pages";
import type { GraphSession } from "./graph-session";
import {
  DEVICE_SELECT, directoryObjectReferenceSchema, graphDeviceChangeSchema, graphDeviceSchema,
  type GraphDevice, type GraphDeviceChange,
} from "./graph-shapes";

export type DeviceListing = {
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
export function fetchDevicesPage(graph: GraphSession, nextLink: string | null, listing: DeviceListing = {}): Promise<GraphPage<GraphDevice>> {
  const url =
    nextLink ??
    graphUrl(graph, "devices", {
      $select: DEVICE_SELECT.join(","),
      $top: listing.pageSize ?? MAX_PAGE_SIZE,
      $filter: listing.filter,
      $expand: listing.includeOwners ? "registeredOwners($select=id)" : undefined,
    });
  return fetchCollectionPage({ graph, resource: "devices" }, url, graphDeviceSchema);
}

/** One page of `devices/delta` (`null` starts a round). Delta cannot expand owners: see fetchDeviceOwnerIds. */
export function fetchDevicesDeltaPage(graph: GraphSession, link: string | null): Promise<DeltaPage<GraphDeviceChange>> {
  const url = link ?? graphUrl(graph, "devices/delta", { $select: DEVICE_SELECT.join(",") });
  return fetchDeltaPage({ graph, resource: "devices" }, url, graphDeviceChangeSchema);
}

/** The object ids of a device's registered owners; none when the device no longer exists. */
export async function fetchDeviceOwnerIds(graph: GraphSession, deviceObjectId: string): Promise<string[]> {
  const ownerIds: string[] = [];
  let link: string | null = graphUrl(graph, `devices/${encodeURIComponent(deviceObjectId)}/registeredOwners`, { $select: "id" });
  try {
    while (link) {
      const page: GraphPage<{ id: string; "@odata.type"?: string }> = await fetchCollectionPage(
        { graph, resource: "devices" },
        link,
        directoryObjectReferenceSchema,
      );
      // Owners are users; other directory objects (if Graph ever sends them) cannot own a client's device.
      const users = page.items.filter(isUserReference);
      ownerIds.push(...users.map((owner) => owner.id));
      link = page.nextLink;
    }
  } catch (error) {
    if (error instanceof EntraError && error.cause instanceof GraphError && error.cause.statusCode === 404) return [];
    throw error;
  }
  return ownerIds;
}

const isUserReference = (owner: { "@odata.type"?: string }) => !owner["@odata.type"] || owner["@odata.type"] === "#microsoft.graph.user";
const ownersAnswerSchema = z.object({ value: z.array(directoryObjectReferenceSchema) });

/**
 * The first registered owner (a user) of each device, asked through JSON batching: 20 devices a batch,
 * several batches at once. A device gone from Entra (404) has none.
 */
export async function fetchFirstOwnersBatched(graph: GraphSession, deviceObjectIds: string[], batchesAtOnce: number): Promise<Map<string, string | null>> {
  const pathOf = (id: string) => `/devices/${encodeURIComponent(id)}/registeredOwners?$select=id`;
  const answers = await batchGet(graph, deviceObjectIds.map(pathOf), "devices", batchesAtOnce);
  return new Map(
    deviceObjectIds.map((id) => {
      const answer = answers.get(pathOf(id));
      const owners = answer ? ownersAnswerSchema.parse(answer).value : [];
      return [id, owners.find(isUserReference)?.id ?? null];
    }),
  );
}

/** Every page of devices. */
export const pagesOfDevices = (graph: GraphSession, listing: DeviceListing = {}) =>
  pagesFollowing(null, (link) => fetchDevicesPage(graph, link, listing), (page) => page.nextLink);

/** Every page of a devices delta round; stops after a page that needs a full resync. */
export const pagesOfDeviceChanges = (graph: GraphSession, deltaLink: string | null) =>
  pagesFollowing(deltaLink, (link) => fetchDevicesDeltaPage(graph, link), nextDeltaLink);
