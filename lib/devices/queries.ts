import "server-only";
import { and, asc, count, eq, isNotNull, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { isUuid } from "@/db/is-uuid";
import { collectedMatchesLimit, matchesSearch, pageSize, searchUsesTrigramIndex } from "@/lib/lists/search-pattern";
import type { DeviceListQuery } from "./list-query";
import { deviceSummaryColumns } from "./summary-columns";

function deviceFilters(query: DeviceListQuery): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(matchesSearch(devices.searchText, query.q));
  if (query.os) conditions.push(eq(devices.operatingSystem, query.os));
  if (query.status) conditions.push(eq(devices.status, query.status));
  return and(...conditions);
}

export async function listDevices(actor: Actor, query: DeviceListQuery) {
  authorize(actor, "staff");
  const where = deviceFilters(query);
  const offset = (query.page - 1) * pageSize;
  const owner = { ownerId: clients.id, ownerName: clients.displayName };
  const countMatches = () => db.select({ total: count() }).from(devices).where(where).then(([row]) => row.total);
  const page = () =>
    db
      .select({ ...deviceSummaryColumns, ...owner })
      .from(devices)
      .leftJoin(clients, eq(devices.ownerClientId, clients.id))
      .where(where)
      .orderBy(asc(devices.displayName), asc(devices.id))
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
    .orderBy(asc(summary.displayName), asc(summary.id))
    .limit(pageSize)
    .offset(offset);
  return { rows, total };
}

export async function listOperatingSystems(actor: Actor) {
  authorize(actor, "staff");
  const rows = await db
    .selectDistinct({ name: devices.operatingSystem })
    .from(devices)
    .where(isNotNull(devices.operatingSystem))
    .orderBy(asc(devices.operatingSystem));
  return rows.map((row) => row.name as string);
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
