import "server-only";
import { sql } from "drizzle-orm";
import { devices, type Device } from "@/db/schema";
import { deviceOwnerColumns } from "@/lib/synced-fields";
import {
  fetchDevicesDeltaLinkFromNow,
  fetchDevicesDeltaPage,
  fetchDevicesPage,
  fetchFirstOwners,
  type DeltaPage,
  type GraphDeviceChange,
  type GraphSession,
} from "@/lib/azure";
import { decidePage, decidedAlongside, type PageDecision, type PageRules } from "./decide-page";
import { deviceColumns, deviceFieldsFrom, type DeviceFields } from "./record-fields";
import type { PageListing } from "./page-steps";
import { kindListings } from "./plain-listing";
import { executePrepared, knownRecords, writePage } from "./write-page";

/**
 * Owner look-up batches in flight at once (300 devices a batch, see fetchFirstOwners): a page of 999 devices
 * is 4 batches, one round trip. Its 67 inner requests count against throttling one by one: far below the
 * 3,500–8,000 a tenant may make in 10 seconds.
 */
export const OWNER_BATCHES_AT_ONCE = 10;

type OwnedDeviceFields = DeviceFields & Pick<Device, (typeof deviceOwnerColumns)[number]>;

/**
 * A device's fields with the owner Graph named for it, linked to the owner's client when Vertask has it
 * (`ownerClients`); an owner synced later is linked at the end of that run (linkDeviceOwners).
 */
function ownedDeviceRules(
  owners: Map<string, string | null>,
  ownerClients: Map<string, string>,
): PageRules<GraphDeviceChange, OwnedDeviceFields> {
  return {
    noun: "device",
    isEnabled: (fields) => fields.accountEnabled,
    skipReason: () => null,
    toldFields: toldDeviceFields,
    ownEvents: { ownerEntraObjectId: "owner_changed" },
    fieldsFrom: (change, kept) => {
      const fields = deviceFieldsFrom(change, kept);
      if (!fields) return null;
      const owner = owners.get(change.id) ?? null;
      return { ...fields, ownerEntraObjectId: owner, ownerClientId: owner ? (ownerClients.get(owner) ?? null) : null };
    },
  };
}

/**
 * What a device's history tells: its fields but the last sign-in (news at every sign-in) and the enabled flag
 * (told as "disabled" or "enabled"), and its owner (an event of its own; its client link follows it).
 */
const toldDeviceFields: (keyof OwnedDeviceFields & string)[] = [
  ...deviceColumns.filter((column) => column !== "lastSignInAt" && column !== "accountEnabled"),
  "ownerEntraObjectId",
];

/** The connection's clients of these Entra objects, by object id: a page's devices are written linked to them. */
async function syncedClientIds(connectionId: string, objectIds: (string | null)[]) {
  const ids = objectIds.filter((id): id is string => id !== null);
  if (!ids.length) return new Map<string, string>();
  const rows = await executePrepared(sql`
    SELECT entra_object_id, id FROM clients
    WHERE connection_id = ${connectionId}::uuid AND entra_object_id = ANY(${sql.param(ids)}::text[])`);
  return new Map(rows.map((row) => [row.entra_object_id as string, row.id as string]));
}

type ListedDevices = Extract<DeltaPage<GraphDeviceChange>, { fullResyncNeeded: false }>;
/** A page of devices with the owners Graph names for its listed devices, on their way. */
type DevicesPage = ListedDevices & { owners: Promise<Map<string, string | null>> };
type DevicesListing = PageListing<DevicesPage, PageDecision<OwnedDeviceFields>>;

/**
 * A page with its devices' owners asked for at once, not awaited: they come while the next page is fetched
 * (page-steps.ts asks for it as soon as this one arrives) and while the page before is written; `prepare` waits.
 */
async function withOwners(graph: GraphSession, page: ListedDevices): Promise<DevicesPage> {
  const listed = page.changes.flatMap((change) => (change.type === "upsert" ? [change.item.id] : []));
  const owners = fetchFirstOwners(graph, listed, OWNER_BATCHES_AT_ONCE);
  owners.catch(() => {}); // awaited in prepare; a step that fails first must not leave an unhandled rejection
  return { ...page, owners };
}

/** How a page of devices is decided and written, however it was listed: each listed device with its owner. */
const decideAndWrite: Pick<DevicesListing, "prepare" | "write" | "preparedAlongside"> = {
  async prepare(plan, page) {
    const ids = page.changes.map((change) => (change.type === "upsert" ? change.item.id : change.id));
    const columns = [...deviceColumns, ...deviceOwnerColumns];
    const [known, owners] = await Promise.all([
      knownRecords<OwnedDeviceFields>(devices, plan.connectionId, ids, columns),
      page.owners,
    ]);
    const ownerClients = await syncedClientIds(plan.connectionId, [...new Set(owners.values())]);
    return decidePage(ownedDeviceRules(owners, ownerClients), page.changes, known);
  },
  write: (plan, pageIndex, page, decision) => writePage(devices, plan, pageIndex, decision, page),
  preparedAlongside: decidedAlongside,
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
  withOwners,
);
