import "server-only";
import { sql } from "drizzle-orm";
import { devices } from "@/db/schema";
import { fetchDeviceOwnerIds, fetchDevicesDeltaPage, fetchDevicesPage, type EntraConnectionSettings, type GraphDeviceChange, type GraphOptions } from "@/lib/azure";
import { decidePage, noCounts, type PageDecision, type PageRules } from "./decide-page";
import { deviceFieldsFrom, type DeviceFields } from "./record-fields";
import { loadConnection, type RunPlan } from "./run-context";
import type { PageStepResult } from "./users-page";
import { executePrepared, knownRecords, writePage, writtenPage } from "./write-page";

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

/** One step: fetch one page of devices from Graph and write it atomically. */
export async function syncDevicesPage(plan: RunPlan, pageIndex: number, link: string | null, options: GraphOptions = {}): Promise<PageStepResult> {
  const done = await writtenPage(plan.runId, pageIndex);
  if (done) return done;
  const { settings } = await loadConnection(plan.connectionId);
  const page = await fetchDevicesDeltaPage(settings, link, options);
  if (page.fullResyncNeeded) return { fullResyncNeeded: true, reason: page.reason };
  const ids = page.changes.map((change) => (change.type === "upsert" ? change.item.id : change.id));
  const known = await knownRecords<DeviceFields>(devices, plan.connectionId, ids, comparedFields);
  const decision = decidePage(deviceRules, page.changes, known);
  if (plan.mode === "delta") await withOwners(settings, decision, known, options);
  const pageInfo = { runId: plan.runId, pageIndex, connectionId: plan.connectionId, syncedAt: new Date(plan.syncedAt) };
  return writePage(devices, pageInfo, decision, { nextLink: page.nextLink, deltaLink: page.deltaLink });
}

/**
 * One step of a full devices sync's second pass: a page of the device listing with each device's
 * registered owner, written as the owner's Entra id (linked to the client when that client exists).
 */
export async function syncDeviceOwnersPage(plan: RunPlan, pageIndex: number, link: string | null, options: GraphOptions = {}) {
  const done = await writtenPage(plan.runId, pageIndex);
  if (done) return { nextLink: done.nextLink };
  const { settings } = await loadConnection(plan.connectionId);
  const page = await fetchDevicesPage(settings, link, { ...options, includeOwners: true });
  const owners = page.items.map((device) => ({ id: device.id, owner: device.registeredOwners?.[0]?.id ?? null }));
  // One statement (atomic on its own, one round trip). The owner's client is linked in the same write, so
  // the end of the run finds these links already right instead of writing each device a second time.
  const ownersWritten = owners.length
    ? sql`owned AS (
        UPDATE devices SET owner_entra_object_id = o.owner, owner_client_id = c.id
        FROM json_to_recordset(${JSON.stringify(owners)}::json) AS o(id text, owner text)
        LEFT JOIN clients c ON c.connection_id = ${plan.connectionId} AND c.entra_object_id = o.owner
        WHERE devices.connection_id = ${plan.connectionId} AND devices.entra_object_id = o.id
          AND (devices.owner_entra_object_id IS DISTINCT FROM o.owner OR devices.owner_client_id IS DISTINCT FROM c.id)), `
    : sql``;
  await executePrepared(sql`
    WITH ${ownersWritten}page AS (
      INSERT INTO sync_run_pages (run_id, page_index, counts, skipped_reasons, next_link, delta_link)
      VALUES (${plan.runId}, ${pageIndex}, ${JSON.stringify(noCounts())}::jsonb, '{}'::jsonb, ${page.nextLink}, NULL))
    UPDATE sync_runs SET pages_done = pages_done + 1 WHERE id = ${plan.runId}`);
  return { nextLink: page.nextLink };
}
