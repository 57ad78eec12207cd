import "server-only";
import { and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { matchesSearch, pageSize } from "@/lib/lists/search-pattern";
import { isUuid } from "@/lib/lists/is-uuid";
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

export function clientOrder(sort: ClientListQuery["sort"]) {
  return sort === "updated" ? [desc(clients.updatedAt), desc(clients.id)] : [asc(clients.displayName), asc(clients.id)];
}

export async function listClients(actor: Actor, query: ClientListQuery) {
  authorize(actor, "staff");
  const where = clientFilters(query);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: clients.id,
        displayName: clients.displayName,
        mail: clients.mail,
        userPrincipalName: clients.userPrincipalName,
        jobTitle: clients.jobTitle,
        department: clients.department,
        isExternal: clients.isExternal,
        status: clients.status,
        source: clients.source,
        updatedAt: clients.updatedAt,
      })
      .from(clients)
      .where(where)
      .orderBy(...clientOrder(query.sort))
      .limit(pageSize)
      .offset((query.page - 1) * pageSize),
    db.select({ total: count() }).from(clients).where(where),
  ]);
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
