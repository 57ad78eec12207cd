// Child process of the benchmark: the machine's own limit for one sync, measured, not assumed.
//   fetch: the same Graph pages the sync reads (same client, same page sizes), one after another, nothing else;
//   copy:  the same rows, COPY'd in one statement into an empty table shaped like the real one (same indexes).
//   node --conditions=react-server --import tsx tests/bench/lower-bound.ts users|devices full|delta [--fetch-only]
// A delta bound starts from the connection's stored delta link (reading it changes nothing at Graph).
import { getTableColumns } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, devices, type EntraConnection } from "@/db/schema";
import {
  fetchDevicesDeltaLinkFromNow,
  fetchDevicesDeltaPage,
  fetchDevicesPage,
  fetchFirstOwners,
  fetchUsersDeltaLinkFromNow,
  fetchUsersDeltaPage,
  fetchUsersPage,
  openGraphSession,
  type GraphDeviceChange,
  type GraphPage,
  type GraphSession,
  type GraphUserChange,
} from "@/lib/azure";
import type { DeltaChange } from "@/lib/azure/graph-pages";
import type { GraphDevice, GraphUser } from "@/lib/azure/graph-shapes";
import { BATCH_SIZE } from "@/lib/azure/batch";
import { OWNER_BATCHES_AT_ONCE } from "@/lib/sync/devices-page";
import { clientFieldsFrom, deviceFieldsFrom } from "@/lib/sync/record-fields";
import { knownRecords } from "@/lib/sync/write-page";
import { entraSettingsOf } from "@/lib/connections";
import { reportToParent } from "./bench-children";
import { copyIntoEmptyTable } from "./copy-rows";
import { theConnection } from "@/tests/support/database";

export type LowerBound = { fetchMs: number; copyMs: number | null; requests: number; rows: number };

type Fetched = {
  requests: number;
  changes: DeltaChange<GraphUserChange | GraphDeviceChange>[];
  owners: Map<string, string | null>;
};

async function fetchListing(kind: string, graph: GraphSession, startLink: string | null, fetched: Fetched) {
  let link = startLink;
  do {
    const page = kind === "users" ? await fetchUsersDeltaPage(graph, link) : await fetchDevicesDeltaPage(graph, link);
    if (page.fullResyncNeeded) throw new Error(page.reason);
    fetched.requests++;
    fetched.changes.push(...page.changes);
    link = page.nextLink;
  } while (link);
}

/** A full sync takes a delta link from now, then reads the plain listing, 999 a page. */
async function fetchPlainListing(kind: string, graph: GraphSession, fetched: Fetched) {
  await (kind === "users" ? fetchUsersDeltaLinkFromNow(graph) : fetchDevicesDeltaLinkFromNow(graph));
  fetched.requests++;
  let link: string | null = null;
  do {
    const page: GraphPage<GraphUser | GraphDevice> =
      kind === "users" ? await fetchUsersPage(graph, link) : await fetchDevicesPage(graph, link);
    fetched.requests++;
    fetched.changes.push(...page.items.map((item) => ({ type: "upsert" as const, item })));
    link = page.nextLink;
  } while (link);
}

/** A devices sync asks each listed device's owner, as many batches at a time as the sync does. */
async function fetchOwners(graph: GraphSession, fetched: Fetched) {
  const ids = fetched.changes.flatMap((change) => (change.type === "upsert" ? [change.item.id] : []));
  for (const [id, owner] of await fetchFirstOwners(graph, ids, OWNER_BATCHES_AT_ONCE)) fetched.owners.set(id, owner);
  fetched.requests += Math.ceil(ids.length / (15 * BATCH_SIZE));
}

async function fetchEverything(kind: string, mode: string, connection: EntraConnection): Promise<Fetched> {
  const graph = openGraphSession((await entraSettingsOf(connection))!);
  const fetched: Fetched = { requests: 0, changes: [], owners: new Map() };
  const deltaLink = kind === "users" ? connection.usersDeltaLink : connection.devicesDeltaLink;
  if (mode === "delta" && !deltaLink) throw new Error(`No ${kind} delta link: run a full sync first.`);
  if (mode === "full") await fetchPlainListing(kind, graph, fetched);
  else await fetchListing(kind, graph, deltaLink, fetched);
  if (kind === "devices") await fetchOwners(graph, fetched);
  return fetched;
}

/** The rows the sync would write; a delta's partial changes are completed from the rows already stored (untimed). */
async function rowsOf(
  kind: string,
  connection: { id: string; organizationId: string },
  fetched: Fetched,
  syncedAt: Date,
) {
  const table = kind === "users" ? clients : devices;
  const ids = fetched.changes.flatMap((change) => (change.type === "upsert" ? [change.item.id] : []));
  const known = await knownRecords<Record<string, unknown>>(
    table,
    connection.id,
    ids,
    Object.keys(getTableColumns(table)),
  );
  return fetched.changes.flatMap((change) => {
    if (change.type !== "upsert") return [];
    const kept = known.get(change.item.id) as never;
    const fields =
      kind === "users"
        ? clientFieldsFrom(change.item as GraphUserChange, kept)
        : deviceFieldsFrom(change.item as GraphDeviceChange, kept);
    if (!fields) return [];
    const owner = kind === "devices" ? { ownerEntraObjectId: fetched.owners.get(change.item.id) ?? null } : {};
    const status = fields.accountEnabled ? "active" : "disabled";
    return [
      {
        organizationId: connection.organizationId,
        connectionId: connection.id,
        entraObjectId: change.item.id,
        ...fields,
        ...owner,
        status,
        source: "azure",
        lastSyncedAt: syncedAt,
        updatedAt: syncedAt,
      },
    ];
  });
}

async function main(): Promise<LowerBound> {
  const [kind, mode] = process.argv.slice(2);
  const connection = (await theConnection())!;
  const started = performance.now();
  const fetched = await fetchEverything(kind, mode, connection);
  const fetchMs = performance.now() - started;
  const rows = await rowsOf(kind, connection, fetched, new Date());
  const copyMs = process.argv.includes("--fetch-only")
    ? null
    : await copyIntoEmptyTable(db.$client, kind === "users" ? "clients" : "devices", rows);
  return { fetchMs, copyMs, requests: fetched.requests, rows: rows.length };
}

reportToParent(main().finally(closeDatabase));
