import "server-only";
import { sql } from "drizzle-orm";
import { devices, type Device } from "@/db/schema";
import { deviceOwnerColumns } from "@/lib/synced-fields";
import {
  fetchDevicesDeltaPage, fetchDevicesPage, fetchFirstOwnersBatched,
  type DeltaPage, type GraphDevice, type GraphDeviceChange, type GraphPage, type GraphSession,
} from "@/lib/azure";
import { decidePage, type PageDecision, type PageRules } from "./decide-page";
import { deviceColumns, deviceFieldsFrom, type DeviceFields } from "./record-fields";
import type { PageListing } from "./page-steps";
import type { RunPlan } from "./run-plan";
import { executePrepared, knownRecords, writePage, writeRunListPage } from "./write-page";

/**
 * Owner look-ups in flight at once: batches of 20 (Graph's JSON batching), so a delta page of 200 devices
 * takes one round trip (Graph's delta cannot expand owners). 200 inner requests count against throttling
 * one by one: far below the 3,500–8,000 a tenant may make in 10 seconds.
 */
export const OWNER_BATCHES_AT_ONCE = 10;

const deviceRules: PageRules<GraphDeviceChange, DeviceFields> = {
  noun: "device",
  fieldsFrom: deviceFieldsFrom,
  isEnabled: (fields) => fields.accountEnabled,
  skipReason: () => null,
};

/**
 * Asks Graph for the owner of each written device that needs one: in an incremental run every changed device
 * (delta cannot expand owners); in a full run, a device the owners pass did not see.
 */
async function withOwners(graph: GraphSession, decision: PageDecision<DeviceFields>, needsOwner: (objectId: string) => boolean) {
  type Row = DeviceFields & { entraObjectId: string; ownerEntraObjectId?: string | null; ownerClientId?: string | null };
  const rows: Row[] = [...decision.inserts, ...decision.updates].filter((row) => needsOwner(row.entraObjectId));
  if (!rows.length) return;
  const owners = await fetchFirstOwnersBatched(graph, rows.map((row) => row.entraObjectId), OWNER_BATCHES_AT_ONCE);
  for (const row of rows) {
    row.ownerEntraObjectId = owners.get(row.entraObjectId) ?? null;
    row.ownerClientId = null; // linked again at the end of the run, once the owner's client is known
  }
}

type OwnedDeviceFields = DeviceFields & Pick<Device, (typeof deviceOwnerColumns)[number]>;
type ListedOwner = { ownerObjectId: string | null; clientId: string | null };

/** The owners this run's owners pass listed for these devices, with the owner's client where there is one. */
async function listedOwners(plan: RunPlan, deviceObjectIds: string[]) {
  const rows = await executePrepared(sql`
    SELECT o.device_object_id, o.owner_object_id, c.id AS client_id FROM sync_device_owners o
    LEFT JOIN clients c ON c.connection_id = ${plan.connectionId} AND c.entra_object_id = o.owner_object_id
    WHERE o.run_id = ${plan.runId} AND o.device_object_id = ANY(${sql.param(deviceObjectIds)}::text[])`);
  return new Map<string, ListedOwner>(rows.map((row) => [row.device_object_id, { ownerObjectId: row.owner_object_id, clientId: row.client_id }]));
}

/**
 * A full sync's rules: each device is written with the owner the owners pass listed, so its row is written
 * once. A device the owners pass did not see (created in between) keeps the owner it had, until its owner
 * is asked for (see devicesListing).
 */
function fullSyncRules(owners: Map<string, ListedOwner>): PageRules<GraphDeviceChange, OwnedDeviceFields> {
  return {
    ...deviceRules,
    fieldsFrom: (change, kept) => {
      const fields = deviceFieldsFrom(change, kept);
      const listed = owners.get(change.id);
      if (!fields) return null;
      return listed
        ? { ...fields, ownerEntraObjectId: listed.ownerObjectId, ownerClientId: listed.clientId }
        : { ...fields, ownerEntraObjectId: kept?.ownerEntraObjectId ?? null, ownerClientId: kept?.ownerClientId ?? null };
    },
  };
}

type DevicesDeltaPage = Extract<DeltaPage<GraphDeviceChange>, { fullResyncNeeded: false }>;

/** Devices listed through Graph delta, one page written atomically (see syncPages). */
export const devicesListing: PageListing<DevicesDeltaPage, PageDecision<DeviceFields>> = {
  fetch: (graph, link) => fetchDevicesDeltaPage(graph, link),
  async prepare(plan, page, graph) {
    const ids = page.changes.map((change) => (change.type === "upsert" ? change.item.id : change.id));
    if (plan.mode === "full") {
      const [known, owners] = await Promise.all([
        knownRecords<OwnedDeviceFields>(devices, plan.connectionId, ids, [...deviceColumns, ...deviceOwnerColumns]),
        listedOwners(plan, ids),
      ]);
      const decision = decidePage(fullSyncRules(owners), page.changes, known);
      // A device created after the owners pass listed the devices: ask for its owner, as a delta does.
      await withOwners(graph, decision, (objectId) => !owners.has(objectId));
      return decision;
    }
    const known = await knownRecords<DeviceFields>(devices, plan.connectionId, ids, deviceColumns);
    const decision = decidePage(deviceRules, page.changes, known);
    await withOwners(graph, decision, () => true);
    return decision;
  },
  write(plan, pageIndex, page, decision) {
    const pageInfo = { runId: plan.runId, pageIndex, connectionId: plan.connectionId, syncedAt: new Date(plan.syncedAt) };
    return writePage(devices, pageInfo, decision, { nextLink: page.nextLink, deltaLink: page.deltaLink });
  },
};

/**
 * A full devices sync's first pass: the device listing with each device's registered owner, kept for the
 * run (sync_device_owners) until the devices are written.
 */
export const deviceOwnersListing: PageListing<GraphPage<GraphDevice>, { device: string; owner: string | null }[]> = {
  fetch: (graph, link) => fetchDevicesPage(graph, link, { includeOwners: true }),
  async prepare(_plan, page) {
    // A device listed twice keeps its last owner (one INSERT cannot write a row twice).
    const ownerOf = new Map(page.items.map((device) => [device.id, device.registeredOwners?.[0]?.id ?? null]));
    return [...ownerOf].map(([device, owner]) => ({ device, owner }));
  },
  write(plan, pageIndex, page, owners) {
    const insert = owners.length
      ? sql`INSERT INTO sync_device_owners (run_id, device_object_id, owner_object_id)
          SELECT ${plan.runId}::uuid, o.device, o.owner FROM json_to_recordset(${JSON.stringify(owners)}::json) AS o(device text, owner text)
          ON CONFLICT (run_id, device_object_id) DO UPDATE SET owner_object_id = excluded.owner_object_id`
      : null;
    return writeRunListPage(plan.runId, pageIndex, insert, page.nextLink);
  },
};
