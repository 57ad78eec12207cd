import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { devices, syncRunPages, syncRuns } from "@/db/schema";
import { fetchDeviceOwnerIds, fetchDevicesDeltaPage, fetchDevicesPage, type EntraConnectionSettings, type GraphDeviceChange, type GraphOptions } from "@/lib/azure";
import { decidePage, noCounts, type PageDecision, type PageRules } from "./decide-page";
import { deviceFieldsFrom, type DeviceFields } from "./record-fields";
import { loadConnection, type RunPlan } from "./run-context";
import type { PageStepResult } from "./users-page";
import { knownRecords, writePage, writtenPage } from "./write-page";

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

// Delta cannot expand owners: in an incremental run, ask for the owner of each device that changed.
async function withOwners(settings: EntraConnectionSettings, decision: PageDecision<DeviceFields>, known: Map<string, { entraObjectId: string; id: string }>, options: GraphOptions) {
  const objectIdOf = new Map([...known.values()].map((row) => [row.id, row.entraObjectId]));
  type Row = DeviceFields & { id?: string; entraObjectId?: string; ownerEntraObjectId?: string | null; ownerClientId?: string | null };
  const rows: Row[] = [...decision.inserts, ...decision.updates];
  for (let i = 0; i < rows.length; i += 8) {
    await Promise.all(
      rows.slice(i, i + 8).map(async (row) => {
        const objectId = row.entraObjectId ?? objectIdOf.get(row.id!)!;
        row.ownerEntraObjectId = (await fetchDeviceOwnerIds(settings, objectId, options))[0] ?? null;
        row.ownerClientId = null; // linked again at the end of the run, once the owner's client is known

      }),
    );
  }
}

/** One step: fetch one page of devices from Graph and write it in one transaction. */
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
  await db.transaction(async (tx) => {
    if (owners.length) {
      await tx.execute(sql`
        UPDATE devices SET owner_entra_object_id = o.owner,
          owner_client_id = CASE WHEN o.owner IS NULL THEN NULL ELSE devices.owner_client_id END
        FROM jsonb_to_recordset(${JSON.stringify(owners)}::jsonb) AS o(id text, owner text)
        WHERE devices.connection_id = ${plan.connectionId} AND devices.entra_object_id = o.id
          AND devices.owner_entra_object_id IS DISTINCT FROM o.owner`);
    }
    await tx.insert(syncRunPages).values({ runId: plan.runId, pageIndex, counts: noCounts(), skippedReasons: {}, nextLink: page.nextLink, deltaLink: null });
    await tx.update(syncRuns).set({ pagesDone: sql`${syncRuns.pagesDone} + 1` }).where(and(eq(syncRuns.id, plan.runId)));
  });
  return { nextLink: page.nextLink };
}
