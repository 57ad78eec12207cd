import "server-only";
import { sql } from "drizzle-orm";
import type { GraphUserChange } from "@/lib/azure";
import type { HandMadeMatch } from "./decide-page";
import type { TypedByHand } from "@/db/schema";
import { withTypedByHand, type ClientFields } from "./record-fields";
import { executePrepared } from "./write-page";

// A client added by hand before Entra was connected is taken over by the Entra user with its address,
// instead of a second client being created (the mail or user principal name, trimmed, case ignored).
// Only a client of the connection's own organization: another organization's clients are never touched.

const addressKey = (address: string | null | undefined) => address?.trim().toLowerCase() || null;

function addressesOf(account: { mail?: string | null; userPrincipalName?: string | null }) {
  return [
    ...new Set(
      [addressKey(account.mail), addressKey(account.userPrincipalName)].filter((a): a is string => Boolean(a)),
    ),
  ];
}

/** The connection's organization's hand-made clients, not yet linked to Entra, whose mail is one of these users' addresses. */
async function handMadeClientsByAddress(connectionId: string, users: GraphUserChange[]) {
  const addresses = [...new Set(users.flatMap(addressesOf))];
  const byAddress = new Map<string, string[]>();
  const typed = new Map<string, TypedByHand>();
  if (!addresses.length) return { byAddress, typed };
  const rows = await executePrepared(sql`
    SELECT id, lower(trim(mail)) AS address, mail, mobile_phone, company_name FROM clients
    WHERE source = 'manual' AND entra_object_id IS NULL AND lower(trim(mail)) = ANY(${sql.param(addresses)}::text[])
      AND organization_id = (SELECT organization_id FROM entra_connections WHERE id = ${connectionId}::uuid)`);
  for (const row of rows) {
    byAddress.set(row.address, [...(byAddress.get(row.address) ?? []), row.id]);
    const fields = { mail: row.mail, mobilePhone: row.mobile_phone, companyName: row.company_name };
    typed.set(row.id, Object.fromEntries(Object.entries(fields).filter(([, value]) => value)));
  }
  return { byAddress, typed };
}

/**
 * For one page: the hand-made client each new user takes over. A client is taken over once; a user whose
 * addresses match two or more hand-made clients takes none (a person must merge them first). The client keeps
 * what was typed by hand where Entra has nothing, now and at every later sync (clients.typed_by_hand).
 */
export async function handMadeMatcher(connectionId: string, users: GraphUserChange[]) {
  const { byAddress, typed } = await handMadeClientsByAddress(connectionId, users);
  const taken = new Set<string>();
  return (fields: ClientFields): HandMadeMatch => {
    const ids = [...new Set(addressesOf(fields).flatMap((address) => byAddress.get(address) ?? []))].filter(
      (id) => !taken.has(id),
    );
    if (ids.length > 1) return { count: ids.length };
    if (!ids.length) return null;
    taken.add(ids[0]);
    const typedByHand = typed.get(ids[0])!;
    return { recordId: ids[0], keeps: { ...withTypedByHand(fields, typedByHand), typedByHand } };
  };
}
