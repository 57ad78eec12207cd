import "server-only";
import { devices, type Device } from "@/db/schema";
import { deviceOwnerColumns } from "@/lib/synced-fields";
import {
  fetchDevicesDeltaLinkFromNow,
  fetchDevicesDeltaPage,
  fetchDevicesPage,
  fetchFirstOwners,
  type DeltaPage,
  type GraphDeviceChange,
} from "@/lib/azure";
import { decidePage, type PageDecision, type PageRules } from "./decide-page";
import { deviceColumns, deviceFieldsFrom, type DeviceFields } from "./record-fields";
import type { PageListing } from "./page-steps";
import { kindListings } from "./plain-listing";
import { knownRecords, writePage } from "./write-page";

/**
 * Owner look-up batches in flight at once (300 devices a batch, see fetchFirstOwners): a page of 999 devices
 * is 4 batches, one round trip. Its 67 inner requests count against throttling one by one: far below the
 * 3,500–8,000 a tenant may make in 10 seconds.
 */
export const OWNER_BATCHES_AT_ONCE = 10;

type OwnedDeviceFields = DeviceFields & Pick<Device, (typeof deviceOwnerColumns)[number]>;

/**
 * A device's fields with the owner Graph named for it. The owner's client stays linked while the owner is
 * the same; a new owner is linked at the end of the run, once its client is known (linkDeviceOwners).
 */
function ownedDeviceRules(owners: Map<string, string | null>): PageRules<GraphDeviceChange, OwnedDeviceFields> {
  return {
    noun: "device",
    isEnabled: (fields) => fields.accountEnabled,
    skipReason: () => null,
    fieldsFrom: (change, kept) => {
      const fields = deviceFieldsFrom(change, kept);
      if (!fields) return null;
      const owner = owners.get(change.id) ?? null;
      const sameOwner = kept && kept.ownerEntraObjectId === owner;
      return { ...fields, ownerEntraObjectId: owner, ownerClientId: sameOwner ? (kept.ownerClientId ?? null) : null };
    },
  };
}

type DevicesPage = Extract<DeltaPage<GraphDeviceChange>, { fullResyncNeeded: false }>;
type DevicesListing = PageListing<DevicesPage, PageDecision<OwnedDeviceFields>>;

/** How a page of devices is decided and written, however it was listed: each listed device with its owner. */
const decideAndWrite: Pick<DevicesListing, "prepare" | "write"> = {
  async prepare(plan, page, graph) {
    const ids = page.changes.map((change) => (change.type === "upsert" ? change.item.id : change.id));
    const listed = page.changes.flatMap((change) => (change.type === "upsert" ? [change.item.id] : []));
    const [known, owners] = await Promise.all([
      knownRecords<OwnedDeviceFields>(devices, plan.connectionId, ids, [...deviceColumns, ...deviceOwnerColumns]),
      fetchFirstOwners(graph, listed, OWNER_BATCHES_AT_ONCE),
    ]);
    return decidePage(ownedDeviceRules(owners), page.changes, known);
  },
  write: (plan, pageIndex, page, decision) => writePage(devices, plan, pageIndex, decision, page),
};

/**
 * What changed since a delta link (or, from none, every device) through Graph's delta query, 200 a page at
 * most; or every device through the plain listing, after a delta link from now (see kindListings).
 */
export const {
  delta: devicesListing,
  full: devicesFullListing,
  deltaLinkFromNow: devicesDeltaLinkFromNow,
} = kindListings(
  {
    fetchDeltaPage: fetchDevicesDeltaPage,
    fetchPage: fetchDevicesPage,
    fetchDeltaLinkFromNow: fetchDevicesDeltaLinkFromNow,
  },
  decideAndWrite,
);
