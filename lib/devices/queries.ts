import "server-only";
import { and, eq, inArray, isNotNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { union } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { clients, devices, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { isUuid } from "@/db/is-uuid";
import { matchesSearch, pageSize, searchUsesTrigramIndex } from "@/lib/lists/search-pattern";
import { listPage } from "@/lib/lists/list-page";
import { withOrganizationNames } from "@/lib/organizations/queries";
import { filtersOf } from "@/lib/lists/search-params";
import { leftOutOfDefaultView, matchesStatusFilter } from "@/lib/lists/record-status-filter";
import { directionOf } from "@/lib/lists/sorting";
import { cappedTotal } from "@/lib/lists/list-total";
import { deviceSortDefaults, type DeviceListQuery } from "./list-query";
import { deviceSummaryColumns } from "./summary-columns";
import { groupByLabel, operatingSystemLabel } from "./operating-systems";
import { needsAttention } from "./attention-filter";

type DeviceFilterQuery = Omit<DeviceListQuery, "page" | "sort" | "dir">;

/**
 * A search finds a device by its name, serial number or Intune primary user (its search_text), or by its owner
 * (the client's name, mail or user principal name). The ids
 * are gathered from both sides, each through its own index (devices_search_trgm; clients_search_trgm, then
 * devices_owner), rather than with an OR the planner could only answer by reading every device.
 */
function deviceOrOwnerMatches(typed: string) {
  const byName = db.select({ id: devices.id }).from(devices).where(matchesSearch(devices.searchText, typed));
  const byOwner = db
    .select({ id: devices.id })
    .from(devices)
    .innerJoin(clients, eq(clients.id, devices.ownerClientId))
    .where(matchesSearch(clients.searchText, typed));
  return inArray(devices.id, union(byName, byOwner));
}

/** The list's filters; an operating system label matches every stored value it stands for ("MacMDM", "macOS"). */
export async function deviceFilters(query: DeviceFilterQuery): Promise<SQL | undefined> {
  const conditions: SQL[] = [];
  // One organization's devices: the index (organization_id, display_name, id) serves its first page.
  if (query.organization) conditions.push(eq(devices.organizationId, query.organization));
  if (query.q) conditions.push(deviceOrOwnerMatches(query.q));
  if (query.os) {
    const label = operatingSystemLabel(query.os);
    const values = (await storedOperatingSystems()).filter((value) => operatingSystemLabel(value) === label);
    conditions.push(inArray(devices.operatingSystem, values));
  }
  if (query.attention) conditions.push(needsAttention(query.attention));
  const status = matchesStatusFilter(devices.status, query.status);
  if (status) conditions.push(status);
  return and(...conditions);
}

/** How many removed devices the default list leaves out under the other filters (null when they are shown). */
export async function hiddenRemovedDevices(actor: Actor, query: DeviceFilterQuery) {
  authorize(actor, "staff");
  if (query.status) return null;
  return cappedTotal(devices, await deviceFilters({ ...query, status: "removed" }));
}

type OrderColumns = { displayName: AnyColumn; id: AnyColumn; lastSignInAt: AnyColumn };

/** By name, or by last sign-in (devices that never signed in last either way); the id breaks ties. */
export function deviceOrder({ sort, dir }: Pick<DeviceListQuery, "sort" | "dir">, from: OrderColumns = devices) {
  const direction = directionOf(sort, dir, deviceSortDefaults) === "asc" ? sql.raw("ASC") : sql.raw("DESC");
  const byName = [sql`${from.displayName} ${direction}`, sql`${from.id} ${direction}`];
  return sort === "signin" ? [sql`${from.lastSignInAt} ${direction} NULLS LAST`, ...byName] : byName;
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
  const listColumns = {
    ...deviceSummaryColumns,
    attentionReasons: devices.attentionReasons,
    ownerId: clients.id,
    ownerName: clients.displayName,
    organizationId: devices.organizationId,
  };
  const withOwners = () =>
    db.select(listColumns).from(devices).leftJoin(clients, eq(devices.ownerClientId, clients.id));
  return listPage({
    table: devices,
    where,
    leftOutByDefault: leftOutOfDefaultView(devices.status, filtersOf(query)),
    trigramSearch: searchUsesTrigramIndex(query.q),
    offset,
    sortKeys: { id: devices.id, displayName: devices.displayName, lastSignInAt: devices.lastSignInAt },
    order: (columns) => deviceOrder(query, columns as OrderColumns),
    page: () =>
      withOwners()
        .where(where)
        .orderBy(...deviceOrder(query))
        .limit(pageSize)
        .offset(offset),
    rowsWithIds: (ids) => withOwners().where(inArray(devices.id, ids)),
  });
}

async function storedOperatingSystems() {
  const rows = await db
    .selectDistinct({ name: devices.operatingSystem })
    .from(devices)
    .where(isNotNull(devices.operatingSystem));
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
