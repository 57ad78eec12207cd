import "server-only";
import { and, asc, eq, inArray, isNotNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { isUuid } from "@/db/is-uuid";
import { matchesSearch, pageSize, searchUsesTrigramIndex } from "@/lib/lists/search-pattern";
import { cappedTotal, collectedCount, COUNTED_MATCHES_LIMIT, inOrderOf, totalOfCollected, unfilteredTotal } from "@/lib/lists/list-total";
import { withOrganizationNames } from "@/lib/organizations/queries";
import type { DeviceListQuery } from "./list-query";
import { deviceSummaryColumns } from "./summary-columns";
import { groupByLabel, operatingSystemLabel } from "./operating-systems";

/** The list's filters; an operating system label matches every stored value it stands for ("MacMDM", "macOS"). */
export async function deviceFilters(query: Omit<DeviceListQuery, "page" | "sort">): Promise<SQL | undefined> {
  const conditions: SQL[] = [];
  // One organization's devices: the index (organization_id, display_name, id) serves its first page.
  if (query.organization) conditions.push(eq(devices.organizationId, query.organization));
  if (query.q) conditions.push(matchesSearch(devices.searchText, query.q));
  if (query.os) {
    const label = operatingSystemLabel(query.os);
    const values = (await storedOperatingSystems()).filter((value) => operatingSystemLabel(value) === label);
    conditions.push(inArray(devices.operatingSystem, values));
  }
  if (query.status) conditions.push(eq(devices.status, query.status));
  return and(...conditions);
}

type OrderColumns = { displayName: AnyColumn; id: AnyColumn; lastSignInAt: AnyColumn };

/** By name, or the most recent sign-in first (devices that never signed in last). */
export function deviceOrder(sort: DeviceListQuery["sort"], from: OrderColumns = devices) {
  return sort === "signin"
    ? [sql`${from.lastSignInAt} DESC NULLS LAST`, asc(from.displayName), asc(from.id)]
    : [asc(from.displayName), asc(from.id)];
}

/** A page of the device list, each row with its owner's and its organization's name (read for the page's rows only). */
export async function listDevices(actor: Actor, query: DeviceListQuery) {
  const { rows, total } = await listDeviceRows(actor, query);
  return { rows: await withOrganizationNames(rows), total };
}

async function listDeviceRows(actor: Actor, query: DeviceListQuery) {
  authorize(actor, "staff");
  const where = await deviceFilters(query);
  const offset = (query.page - 1) * pageSize;
  const listColumns = { ...deviceSummaryColumns, ownerId: clients.id, ownerName: clients.displayName, organizationId: devices.organizationId };
  const page = () =>
    db
      .select(listColumns)
      .from(devices)
      .leftJoin(clients, eq(devices.ownerClientId, clients.id))
      .where(where)
      .orderBy(...deviceOrder(query.sort))
      .limit(pageSize)
      .offset(offset);
  if (!where || !searchUsesTrigramIndex(query.q)) {
    const [rows, total] = await Promise.all([page(), where ? cappedTotal(devices, where) : unfilteredTotal(devices)]);
    return { rows, total };
  }
  // As in listClients: the matches collected (only what sorts them), counted and sorted; then the page's rows.
  const sortKeys = { id: devices.id, displayName: devices.displayName, lastSignInAt: devices.lastSignInAt };
  const matches = db.$with("matches").as(db.select(sortKeys).from(devices).where(where).limit(COUNTED_MATCHES_LIMIT + 1));
  const collected = await db
    .with(matches)
    .select({ id: matches.id, matchCount: collectedCount() })
    .from(matches)
    .orderBy(...deviceOrder(query.sort, matches))
    .limit(pageSize)
    .offset(offset);
  const total = collected.length ? totalOfCollected(collected[0].matchCount) : await cappedTotal(devices, where);
  if (total.precision !== "exact") return { rows: await page(), total };
  const ids = collected.map((match) => match.id);
  const rows = await db
    .select(listColumns)
    .from(devices)
    .leftJoin(clients, eq(devices.ownerClientId, clients.id))
    .where(inArray(devices.id, ids));
  return { rows: inOrderOf(ids, rows), total };
}

async function storedOperatingSystems() {
  const rows = await db.selectDistinct({ name: devices.operatingSystem }).from(devices).where(isNotNull(devices.operatingSystem));
  return rows.map((row) => row.name as string);
}

/** The labels the filter offers ("macOS"), each once whatever names Graph used for it. */
export async function listOperatingSystems(actor: Actor) {
  authorize(actor, "staff");
  return groupByLabel(await storedOperatingSystems()).map((group) => group.label);
}

export async function getDevice(actor: Actor, id: string) {
  authorize(actor, "staff");
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({ device: devices, ownerName: clients.displayName, organizationName: organizations.name })
    .from(devices)
    .innerJoin(organizations, eq(organizations.id, devices.organizationId))
    .leftJoin(clients, eq(devices.ownerClientId, clients.id))
    .where(eq(devices.id, id));
  return row ?? null;
}
