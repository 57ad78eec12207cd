import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { FieldError } from "@/lib/auth/field-error";
import { recordAuditEvent } from "@/lib/audit/record";
import { clientColumnValues, clientFieldColumns, newClientValues, clientFieldLabels, mailKey, syncedClientFields, type ClientField, type ClientFields } from "./client-fields";
import { activeClientsWithMails, lockHandWrittenClients, mailInUseMessage } from "./mail-in-use";

/** Adds a client by hand; both staff roles may. */
export async function addClient(actor: Actor, fields: ClientFields) {
  authorize(actor, "staff");
  return db.transaction(async (tx) => {
    await lockHandWrittenClients(tx);
    if (fields.mail) {
      const holder = (await activeClientsWithMails(tx, [fields.mail])).get(mailKey(fields.mail));
      if (holder) throw new FieldError("mail", mailInUseMessage(holder));
    }
    const [created] = await tx.insert(clients).values(newClientValues(fields)).returning({ id: clients.id });
    await recordAuditEvent(tx, actor, "clients.added", `Added ${fields.name} by hand`);
    return created;
  });
}

/**
 * Changes the fields given. On a client from Microsoft Entra only Notes: its other fields are kept in step
 * with Entra by the sync, which would undo an edit here, so asking to change one is refused.
 */
export async function editClient(actor: Actor, clientId: string, edit: Partial<ClientFields>) {
  authorize(actor, "staff");
  return db.transaction(async (tx) => {
    await lockHandWrittenClients(tx);
    const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).for("update");
    if (!client) throw new ActionRefused("This client no longer exists.");
    const fields = (Object.keys(edit) as ClientField[]).filter((field) => field in clientFieldColumns && edit[field] !== undefined);
    const synced = fields.filter((field) => client.source === "azure" && syncedClientFields.includes(field));
    if (synced.length > 0) {
      const names = synced.map((field) => clientFieldLabels[field]).join(", ");
      const [are, them] = synced.length > 1 ? ["are", "them"] : ["is", "it"];
      throw new ActionRefused(`${names} of ${client.displayName} ${are} kept in step with Microsoft Entra ID: change ${them} there. Only Notes can be edited here.`);
    }
    const changed = fields.filter((field) => (edit[field] ?? null) !== client[clientFieldColumns[field]]);
    if (changed.length === 0) return { name: client.displayName, changed: [] };
    const newMail = changed.includes("mail") ? edit.mail : null;
    if (newMail) {
      const holder = (await activeClientsWithMails(tx, [newMail], client.id)).get(mailKey(newMail));
      if (holder) throw new FieldError("mail", mailInUseMessage(holder));
    }
    const values = clientColumnValues(Object.fromEntries(changed.map((field) => [field, edit[field]])));
    await tx.update(clients).set({ ...values, updatedAt: sql`now()` }).where(eq(clients.id, client.id));
    // Notes may hold anything staff write: the audit log says that they changed, not what they say.
    const audited = changed.filter((field) => field !== "notes");
    const changes = Object.fromEntries(audited.map((field) => [clientFieldLabels[field], { from: client[clientFieldColumns[field]], to: edit[field] }]));
    const name = edit.name ?? client.displayName;
    await recordAuditEvent(tx, actor, "clients.edited", `Edited ${changed.map((field) => clientFieldLabels[field]).join(", ")} of ${name}`, changes);
    return { name, changed };
  });
}
