import "server-only";
import { and, asc, desc, eq, inArray, type AnyColumn, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices, entraConnections, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { matchesSearch, pageSize, searchUsesTrigramIndex } from "@/lib/lists/search-pattern";
import type { ListTotal } from "@/lib/lists/list-total";
import { listPage } from "@/lib/lists/list-page";
import { isUuid } from "@/db/is-uuid";
import { deviceSummaryColumns } from "@/lib/devices/summary-columns";
import { withOrganizationNames } from "@/lib/organizations/queries";
import { filtersOf } from "@/lib/lists/search-params";
import { leftOutOfDefaultView, matchesStatusFilter } from "@/lib/lists/record-status-filter";
import { directionOf } from "@/lib/lists/sorting";
import { cappedTotal } from "@/lib/lists/list-total";
import { clientSortDefaults, type ClientListQuery } from "./list-query";

type ClientFilterQuery = Omit<ClientListQuery, "page" | "sort" | "dir">;

export function clientFilters(query: ClientFilterQuery): SQL | undefined {
  const conditions: SQL[] = [];
  // One organization's clients: the index (organization_id, display_name, id) serves its first page.
  if (query.organization) conditions.push(eq(clients.organizationId, query.organization));
  if (query.q) conditions.push(matchesSearch(clients.searchText, query.q));
  const status = matchesStatusFilter(clients.status, query.status);
  if (status) conditions.push(status);
  if (query.source) conditions.push(eq(clients.source, query.source));
  if (query.external) conditions.push(eq(clients.isExternal, query.external === "yes"));
  return and(...conditions);
}

type OrderColumns = { displayName: AnyColumn; id: AnyColumn; updatedAt: AnyColumn };

/** The list's order; the id breaks ties, in the same direction, so one index serves either way. */
export function clientOrder({ sort, dir }: Pick<ClientListQuery, "sort" | "dir">, from: OrderColumns = clients) {
  const direction = directionOf(sort, dir, clientSortDefaults) === "asc" ? asc : desc;
  return [direction(sort === "updated" ? from.updatedAt : from.displayName), direction(from.id)];
}

/** How many removed clients the default list leaves out under the other filters (null when they are shown). */
export async function hiddenRemovedClients(actor: Actor, query: ClientFilterQuery) {
  authorize(actor, "staff");
  if (query.status) return null;
  return cappedTotal(clients, clientFilters({ ...query, status: "removed" }));
}

const listColumns = {
  id: clients.id,
  organizationId: clients.organizationId,
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

type ClientListRow = Pick<typeof clients.$inferSelect, keyof typeof listColumns> & { organizationName: string };

/** A page of the client list, each row with its organization's name (read for the page's rows only). */
export async function listClients(
  actor: Actor,
  query: ClientListQuery,
): Promise<{ rows: ClientListRow[]; total: ListTotal }> {
  const { rows, total } = await listClientRows(actor, query);
  return { rows: await withOrganizationNames(rows), total };
}

async function listClientRows(actor: Actor, query: ClientListQuery) {
  authorize(actor, "staff");
  const where = clientFilters(query);
  const offset = (query.page - 1) * pageSize;
  return listPage({
    table: clients,
    where,
    leftOutByDefault: leftOutOfDefaultView(clients.status, filtersOf(query)),
    trigramSearch: searchUsesTrigramIndex(query.q),
    offset,
    sortKeys: { id: clients.id, displayName: clients.displayName, updatedAt: clients.updatedAt },
    order: (columns) => clientOrder(query, columns as OrderColumns),
    page: () =>
      db
        .select(listColumns)
        .from(clients)
        .where(where)
        .orderBy(...clientOrder(query))
        .limit(pageSize)
        .offset(offset),
    rowsWithIds: (ids) => db.select(listColumns).from(clients).where(inArray(clients.id, ids)),
  });
}

export async function getClient(actor: Actor, id: string) {
  authorize(actor, "staff");
  if (!isUuid(id)) return null;
  const [found] = await db
    .select({
      client: clients,
      organizationName: organizations.name,
      syncFrequency: entraConnections.syncFrequency,
    })
    .from(clients)
    .innerJoin(organizations, eq(organizations.id, clients.organizationId))
    .leftJoin(entraConnections, eq(entraConnections.organizationId, clients.organizationId))
    .where(eq(clients.id, id));
  if (!found) return null;
  const { client, organizationName } = found;
  // Continuously: Entra's changes to this client arrive within a minute, and the page shows them as they do.
  const syncsContinuously = found.syncFrequency === "continuous";
  const ownedDevices = await db
    .select(deviceSummaryColumns)
    .from(devices)
    .where(eq(devices.ownerClientId, id))
    .orderBy(asc(devices.displayName));
  return { client, organizationName, syncsContinuously, devices: ownedDevices };
}
