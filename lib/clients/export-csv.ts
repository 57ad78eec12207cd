import "server-only";
import { eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { csvExport } from "@/lib/lists/csv-export";
import { clientFilters, clientOrder } from "./queries";
import type { ClientListQuery } from "./list-query";

const columns = {
  "Display name": clients.displayName,
  "Given name": clients.givenName,
  Surname: clients.surname,
  Mail: clients.mail,
  "User principal name": clients.userPrincipalName,
  "User type": clients.userType,
  External: clients.isExternal,
  Status: clients.status,
  Source: clients.source,
  "Account enabled": clients.accountEnabled,
  "Job title": clients.jobTitle,
  Department: clients.department,
  Company: clients.companyName,
  Office: clients.officeLocation,
  "Mobile phone": clients.mobilePhone,
  "Business phones": clients.businessPhones,
  "Entra object id": clients.entraObjectId,
  Notes: clients.notes,
  Created: clients.createdAt,
  Updated: clients.updatedAt,
  "Last synced": clients.lastSyncedAt,
  Organization: organizations.name,
};

/**
 * Every client matching the list's filters (not one page), streamed in batches from a cursor; with `ids`, only
 * those of them (the rows ticked in the list).
 */
export function clientsCsv(actor: Actor, query: ClientListQuery, ids?: string[]): AsyncGenerator<string> {
  authorize(actor, "staff");
  const where = ids ? inArray(clients.id, ids) : clientFilters(query);
  return csvExport(columns, (selection) =>
    db
      .select(selection)
      .from(clients)
      .innerJoin(organizations, eq(organizations.id, clients.organizationId))
      .where(where)
      .orderBy(...clientOrder(query)),
  );
}
