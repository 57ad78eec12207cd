import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { clients } from "@/db/schema";
import { mailKey } from "./client-fields";

/**
 * Adds, edits and imports by hand wait for each other, so two of them cannot both find a mail free and both
 * take it. They are rare; a sync does not take this lock (its clients come from Entra as they are).
 */
export async function lockHandWrittenClients(tx: Transaction) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('clients.by-hand'))`);
}

// The same expression as the index clients_active_mail, so the index answers.
const activeMailKey = sql<string>`lower(trim(${clients.mail}))`;

/**
 * Active clients of one organization holding any of these mails (compared as mailKey does): each mail's key
 * with the holder's name. Organizations are apart: the same person may be a client of two.
 */
export async function activeClientsWithMails(
  tx: Transaction,
  organizationId: string,
  mails: string[],
  exceptClientId?: string,
) {
  const keys = [...new Set(mails.map(mailKey))];
  if (keys.length === 0) return new Map<string, string>();
  const rows = await tx
    .select({ key: activeMailKey, name: clients.displayName })
    .from(clients)
    .where(
      and(
        sql`${activeMailKey} = ANY(${sql.param(keys)}::text[])`,
        eq(clients.status, "active"),
        eq(clients.organizationId, organizationId),
        exceptClientId ? ne(clients.id, exceptClientId) : undefined,
      ),
    );
  return new Map(rows.map((row) => [row.key, row.name]));
}

export const mailInUseMessage = (holder: string) => `An active client already has this mail: ${holder}.`;
