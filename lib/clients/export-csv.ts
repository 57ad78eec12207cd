import "server-only";
import { db } from "@/db/client";
import { clients } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { csvLine } from "@/lib/lists/csv";
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
};

/** Every client matching the list's filters (not one page), streamed in batches from a cursor. */
export async function* clientsCsv(actor: Actor, query: ClientListQuery): AsyncGenerator<string> {
  authorize(actor, "staff");
  const headers = Object.keys(columns);
  const selection = Object.fromEntries(headers.map((header, i) => [`c${i}`, columns[header as keyof typeof columns]]));
  const statement = db
    .select(selection)
    .from(clients)
    .where(clientFilters(query))
    .orderBy(...clientOrder(query.sort))
    .toSQL();
  yield "\uFEFF" + csvLine(headers);
  const cursor = db.$client.unsafe(statement.sql, statement.params as never[]).values().cursor(2000);
  for await (const rows of cursor) {
    yield rows.map((row) => csvLine(row as unknown[])).join("");
  }
}
