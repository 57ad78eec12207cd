import "server-only";
import { and, asc, count, eq, inArray, isNotNull, sql, type AnyColumn, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { isUuid } from "@/db/is-uuid";
import { collectedMatchesLimit, matchesSearch, pageSize, searchUsesTrigramIndex } from "@/lib/lists/search-pattern";
import type { DeviceListQuery } from "./list-query";
import { deviceSummaryColumns } from "./summary-columns";
import { groupByLabel, operatingSystemLabel } from "./operating-systems";

/** The list's filters; an operating system label matches every stored value it stands for ("MacMDM", "macOS"). */
export async function deviceFilters(query: Omit<DeviceListQuery, "page" | "sort">): Promise<SQL | undefined> {
  const conditions: SQL[] = [];
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

export async function listDevices(actor: Actor, query: DeviceListQuery) {
  authorize(actor, "staff");
  const where = await deviceFilters(query);
  const offset = (query.page - 1) * pageSize;
  const owner = { ownerId: clients.id, ownerName: clients.displayName };
  const countMatches = () => db.select({ total: count() }).from(devices).where(where).then(([row]) => row.total);
  const page = () =>
    db
      .select({ ...deviceSummaryColumns, ...owner })
      .from(devices)
      .leftJoin(clients, eq(devices.ownerClientId, clients.id))
      .where(where)
      .orderBy(...deviceOrder(query.sort))
      .limit(pageSize)
      .offset(offset);
  if (!searchUsesTrigramIndex(query.q)) {
    const [rows, total] = await Promise.all([page(), countMatches()]);
    return { rows, total };
  }
  const total = await countMatches();
  if (total > collectedMatchesLimit) return { rows: await page(), total };
  // As in listClients: the matches are collected first (the LIMIT keeps the subquery apart), then sorted.
  const matches = db
    .select({ ...deviceSummaryColumns, ownerClientId: devices.ownerClientId })
    .from(devices)
    .where(where)
    .limit(collectedMatchesLimit)
    .as("matches");
  const { ownerClientId, ...summary } = matches._.selectedFields;
  const rows = await db
    .select({ ...summary, ...owner })
    .from(matches)
    .leftJoin(clients, eq(ownerClientId, clients.id))
    .orderBy(...deviceOrder(query.sort, summary))
    .limit(pageSize)
    .offset(offset);
  return { rows, total };
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
    .select({ device: devices, ownerName: clients.displayName })
    .from(devices)
    .leftJoin(clients, eq(devices.ownerClientId, clients.id))
    .where(eq(devices.id, id));
  return row ?? null;
}
