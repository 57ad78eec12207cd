import "server-only";
import { sql } from "drizzle-orm";
import { devices } from "@/db/schema";
import {
  fetchDeviceOwnerIds, fetchDevicesDeltaPage, fetchDevicesPage,
  type DeltaPage, type EntraConnectionSettings, type GraphDevice, type GraphDeviceChange, type GraphOptions, type GraphPage,
} from "@/lib/azure";
import { decidePage, noCounts, type PageDecision, type PageRules } from "./decide-page";
import { deviceFieldsFrom, type DeviceFields } from "./record-fields";
import type { PageListing } from "./page-steps";
import { executePrepared, knownRecords, writePage } from "./write-page";

const comparedFields: (keyof DeviceFields)[] = [
  "deviceId", "displayName", "operatingSystem", "operatingSystemVersion", "trustType", "isManaged", "isCompliant",
  "accountEnabled", "lastSignInAt", "registeredAt", "manufacturer", "model",
];

const deviceRules: PageRules<GraphDeviceChange, DeviceFields> = {
  noun: "device",
  fieldsFrom: deviceFieldsFrom,
  isEnabled: (fields) => fields.accountEnabled,
  skipReason: () => null,
};

/** Owner lookups sent together in an incremental run (Graph's delta cannot expand owners). */
export const OWNER_LOOKUPS_AT_ONCE = 8;

// Delta cannot expand owners: in an incremental run, ask for the owner of each device that changed.
async function withOwners(settings: EntraConnectionSettings, decision: PageDecision<DeviceFields>, known: Map<string, { entraObjectId: string; id: string }>, options: GraphOptions) {
  const objectIdOf = new Map([...known.values()].map((row) => [row.id, row.entraObjectId]));
  type Row = DeviceFields & { id?: string; entraObjectId?: string; ownerEntraObjectId?: string | null; ownerClientId?: string | null };
  const rows: Row[] = [...decision.inserts, ...decision.updates];
  for (let i = 0; i < rows.length; i += OWNER_LOOKUPS_AT_ONCE) {
    await Promise.all(
      rows.slice(i, i + OWNER_LOOKUPS_AT_ONCE).map(async (row) => {
        const objectId = row.entraObjectId ?? objectIdOf.get(row.id!)!;
        row.ownerEntraObjectId = (await fetchDeviceOwnerIds(settings, objectId, options))[0] ?? null;
        row.ownerClientId = null; // linked again at the end of the run, once the owner's client is known

      }),
    );
  }
}

type DevicesDeltaPage = Extract<DeltaPage<GraphDeviceChange>, { fullResyncNeeded: false }>;

/** Devices listed through Graph delta, one page written atomically (see syncPages). */
export const devicesListing: PageListing<DevicesDeltaPage> = {
  fetch: (settings, link, options) => fetchDevicesDeltaPage(settings, link, options),
  async write(plan, pageIndex, page, settings, options) {
    const ids = page.changes.map((change) => (change.type === "upsert" ? change.item.id : change.id));
    const known = await knownRecords<DeviceFields>(devices, plan.connectionId, ids, comparedFields);
    const decision = decidePage(deviceRules, page.changes, known);
    if (plan.mode === "delta") await withOwners(settings, decision, known, options);
    const pageInfo = { runId: plan.runId, pageIndex, connectionId: plan.connectionId, syncedAt: new Date(plan.syncedAt) };
    return writePage(devices, pageInfo, decision, { nextLink: page.nextLink, deltaLink: page.deltaLink });
  },
};

/**
 * A full devices sync's second pass: the device listing with each device's registered owner, stored as the
 * owner's Entra id. A changed owner's client is linked at the end of the run, in one set-based UPDATE
 * (measured faster than joining the clients in every page's UPDATE); until then the device has no client.
 */
export const deviceOwnersListing: PageListing<GraphPage<GraphDevice>> = {
  fetch: (settings, link, options) => fetchDevicesPage(settings, link, { ...options, includeOwners: true }),
  async write(plan, pageIndex, page) {
    const owners = page.items.map((device) => ({ id: device.id, owner: device.registeredOwners?.[0]?.id ?? null }));
    // One statement: atomic on its own, one round trip.
    const ownersWritten = owners.length
      ? sql`owned AS (
          UPDATE devices SET owner_entra_object_id = o.owner, owner_client_id = NULL
          FROM json_to_recordset(${JSON.stringify(owners)}::json) AS o(id text, owner text)
          WHERE devices.connection_id = ${plan.connectionId} AND devices.entra_object_id = o.id
            AND devices.owner_entra_object_id IS DISTINCT FROM o.owner), `
      : sql``;
    await executePrepared(sql`
      WITH ${ownersWritten}page AS (
        INSERT INTO sync_run_pages (run_id, page_index, counts, skipped_reasons, next_link, delta_link)
        VALUES (${plan.runId}, ${pageIndex}, ${JSON.stringify(noCounts())}::jsonb, '{}'::jsonb, ${page.nextLink}, NULL))
      UPDATE sync_runs SET pages_done = pages_done + 1 WHERE id = ${plan.runId}`);
  },
};
