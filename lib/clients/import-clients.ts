import "server-only";
import { db, type Transaction } from "@/db/client";
import { clients } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { recordAuditEvent } from "@/lib/audit/record";
import { mailKey, newClientValues, type ClientFields } from "./client-fields";
import { importPreview, readClientRows, type ImportPreview, type ReadRow } from "./import-rows";
import { activeClientsWithMails, lockHandWrittenClients, mailInUseMessage } from "./mail-in-use";

/** Every row read from the file, with the mails that active clients already have marked as problems. */
async function checkedRows(tx: Transaction, text: string) {
  const { rows, unknownColumns } = readClientRows(text);
  const holders = await activeClientsWithMails(tx, rows.flatMap((row) => (row.mail ? [row.mail] : [])));
  for (const row of rows) {
    const holder = row.mail && holders.get(mailKey(row.mail));
    if (holder) row.problems.push(mailInUseMessage(holder));
  }
  return { rows, unknownColumns };
}

/** Step 1: what importing this file would add, and each row's problems. Nothing is saved. */
export async function previewClientImport(actor: Actor, text: string): Promise<ImportPreview> {
  authorize(actor, "staff");
  const { rows, unknownColumns } = await db.transaction((tx) => checkedRows(tx, text));
  return importPreview(rows, unknownColumns);
}

/** The refusal of a file with a bad row: nothing is saved, and the preview says which rows and why. */
export class ImportRefused extends ActionRefused {
  constructor(preview: ImportPreview) {
    super(`Nothing was imported: ${preview.rowsWithProblems} ${preview.rowsWithProblems === 1 ? "row has a problem" : "rows have problems"}. Fix ${preview.rowsWithProblems === 1 ? "it" : "them"} in the file and upload it again.`, preview);
  }
}

const insertBatch = 1000;

/**
 * Step 2: adds every row of the file as a client by hand, in one transaction, or none. The file is checked
 * again from the start (the database may have changed since its preview): any bad row refuses it whole.
 */
export async function importClients(actor: Actor, text: string, fileName: string) {
  authorize(actor, "staff");
  return db.transaction(async (tx) => {
    await lockHandWrittenClients(tx);
    const { rows, unknownColumns } = await checkedRows(tx, text);
    const preview = importPreview(rows, unknownColumns);
    if (preview.rowsWithProblems > 0) throw new ImportRefused(preview);
    const values = rows.map((row) => newClientValues((row as ReadRow & { fields: ClientFields }).fields));
    for (let start = 0; start < values.length; start += insertBatch) {
      await tx.insert(clients).values(values.slice(start, start + insertBatch));
    }
    await recordAuditEvent(tx, actor, "clients.imported", `Imported ${rows.length} ${rows.length === 1 ? "client" : "clients"} from ${fileName || "a CSV file"}`);
    return { imported: rows.length };
  });
}
