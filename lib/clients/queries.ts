import "server-only";
import { and, asc, count, desc, eq, type AnyColumn, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { collectedMatchesLimit, matchesSearch, pageSize, searchUsesTrigramIndex } from "@/lib/lists/search-pattern";
import { isUuid } from "@/db/is-uuid";
import { deviceSummaryColumns } from "@/lib/devices/summary-columns";
import type { ClientListQuery } from "./list-query";

export function clientFilters(query: Omit<ClientListQuery, "page" | "sort">): SQL | undefined {
  const conditions: SQL[] = [];
  if (query.q) conditions.push(matchesSearch(clients.searchText, query.q));
  if (query.status) conditions.push(eq(clients.status, query.status));
  if (query.source) conditions.push(eq(clients.source, query.source));
  if (query.external) conditions.push(eq(clients.isExternal, query.external === "yes"));
  return and(...conditions);
}

type OrderColumns = { displayName: AnyColumn; id: AnyColumn; updatedAt: AnyColumn };

export function clientOrder(sort: ClientListQuery["sort"], from: OrderColumns = clients) {
  return sort === "updated" ? [desc(from.updatedAt), desc(from.id)] : [asc(from.displayName), asc(from.id)];
}

const listColumns = {
  id: clients.id,
  displayName: clients.displayName,
  mail: clients.mail,
  userPrincipalName: clients.userPrincipalName,
  jobTitle: clients.jobTitle,
  department: clients.department,
  companyName: clients.companyName,
  mobilePhone: clients.mobilePhone,
  businessPhones: clients.businessPhones,
  isExternal: clients.isExternal,
  status: clients.status,
  source: clients.source,
  updatedAt: clients.updatedAt,
};

export async function listClients(actor: Actor, query: ClientListQuery) {
  authorize(actor, "staff");
  const where = clientFilters(query);
  const offset = (query.page - 1) * pageSize;
  const countMatches = () => db.select({ total: count() }).from(clients).where(where).then(([row]) => row.total);
  const page = () => db.select(listColumns).from(clients).where(where).orderBy(...clientOrder(query.sort)).limit(pageSize).offset(offset);
  if (!searchUsesTrigramIndex(query.q)) {
    const [rows, total] = await Promise.all([page(), countMatches()]);
    return { rows, total };
  }
  const total = await countMatches();
  if (total > collectedMatchesLimit) return { rows: await page(), total };
  // The LIMIT (never reached: there are fewer matches) keeps PostgreSQL from merging the subquery into the
  // outer query, so the matches are collected first.
  const matches = db.select(listColumns).from(clients).where(where).limit(collectedMatchesLimit).as("matches");
  const rows = await db.select().from(matches).orderBy(...clientOrder(query.sort, matches)).limit(pageSize).offset(offset);
  return { rows, total };
}

export async function countClients(actor: Actor) {
  authorize(actor, "staff");
  const [{ total }] = await db.select({ total: count() }).from(clients);
  return total;
}

export async function getClient(actor: Actor, id: string) {
  authorize(actor, "staff");
  if (!isUuid(id)) return null;
  const [client] = await db.select().from(clients).where(eq(clients.id, id));
  if (!client) return null;
  const ownedDevices = await db
    .select(deviceSummaryColumns)
    .from(devices)
    .where(eq(devices.ownerClientId, id))
    .orderBy(asc(devices.displayName));
  return { client, devices: ownedDevices };
}
