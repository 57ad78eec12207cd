import "server-only";
import { db, type Transaction } from "@/db/client";
import { clients } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { appendRecordEvents, doneBy } from "@/lib/history";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { organizationForHandMadeClient } from "@/lib/organizations/queries";
import { mailKey, newClientValues, type ClientFields } from "./client-fields";
import { importPreview, readClientRows, type ImportPreview, type ReadRow } from "./import-rows";
import { activeClientsWithMails, lockHandWrittenClients, mailInUseMessage } from "./mail-in-use";

/** Every row read from the file, with the mails that the organization's active clients already have marked as problems. */
async function checkedRows(tx: Transaction, text: string, organizationId: string | null) {
  const { rows, unknownColumns } = readClientRows(text);
  const mails = rows.flatMap((row) => (row.mail ? [row.mail] : []));
  // No organization yet: no client either.
  const holders = organizationId ? await activeClientsWithMails(tx, organizationId, mails) : new Map<string, string>();
  for (const row of rows) {
    const holder = row.mail && holders.get(mailKey(row.mail));
    if (holder) row.problems.push(mailInUseMessage(holder));
  }
  return { rows, unknownColumns };
}

/**
 * Step 1: what importing this file into the organization (the one chosen; with none chosen, the only one)
 * would add, and each row's problems. Nothing is saved.
 */
export async function previewClientImport(
  actor: Actor,
  text: string,
  organizationId: string | null,
): Promise<ImportPreview> {
  authorize(actor, "staff");
  const { rows, unknownColumns } = await db.transaction(async (tx) => {
    const organization = await organizationForHandMadeClient(tx, organizationId, { orMake: false });
    return checkedRows(tx, text, organization?.id ?? null);
  });
  return importPreview(rows, unknownColumns);
}

/** The refusal of a file with a bad row: nothing is saved, and the preview says which rows and why. */
export class ImportRefused extends ActionRefused {
  constructor(preview: ImportPreview) {
    super(
      `Nothing was imported: ${preview.rowsWithProblems} ${preview.rowsWithProblems === 1 ? "row has a problem" : "rows have problems"}. Fix ${preview.rowsWithProblems === 1 ? "it" : "them"} in the file and upload it again.`,
      preview,
    );
  }
}

const insertBatch = 1000;

/**
 * Step 2: adds every row of the file as a client by hand, in one transaction, or none. The file is checked
 * again from the start (the database may have changed since its preview): any bad row refuses it whole.
 */
export async function importClients(actor: Actor, text: string, fileName: string, organizationId: string | null) {
  authorize(actor, "staff");
  return db.transaction(async (tx) => {
    await lockHandWrittenClients(tx);
    const organization = await organizationForHandMadeClient(tx, organizationId);
    const { rows, unknownColumns } = await checkedRows(tx, text, organization.id);
    const preview = importPreview(rows, unknownColumns);
    if (preview.rowsWithProblems > 0) throw new ImportRefused(preview);
    const values = rows.map((row) =>
      newClientValues((row as ReadRow & { fields: ClientFields }).fields, organization.id),
    );
    // Each imported client's history starts with who added it, from which file: a statement per batch, not per row.
    const added = { organizationId: organization.id, kind: "added_by_hand" as const, ...doneBy(actor) };
    const reason = `imported from ${fileName || "a CSV file"}`;
    for (let start = 0; start < values.length; start += insertBatch) {
      const inserted = await tx
        .insert(clients)
        .values(values.slice(start, start + insertBatch))
        .returning({ id: clients.id });
      await appendRecordEvents(
        tx,
        inserted.map(({ id }) => ({ ...added, clientId: id, reason })),
      );
    }
    const summary = `Imported ${rows.length} ${rows.length === 1 ? "client" : "clients"} from ${fileName || "a CSV file"}`;
    await recordAuditEventAbout(tx, { organizationId: organization.id }, actor, "clients.imported", summary);
    return { imported: rows.length };
  });
}
