import "server-only";
import { eq, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { clients, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { FieldError } from "@/lib/auth/field-error";
import { appendRecordEvents, doneBy } from "@/lib/history";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { organizationForHandMadeClient } from "@/lib/organizations/queries";
import { endPortalSessionsAndLinks } from "@/lib/portal/end-access";
import {
  clientColumnValues,
  clientFieldColumns,
  newClientValues,
  clientFieldLabels,
  mailKey,
  syncedClientFields,
  type ClientField,
  type ClientFields,
} from "./client-fields";
import { handEditEvents } from "./hand-events";
import { activeClientsWithMails, lockHandWrittenClients, mailInUseMessage } from "./mail-in-use";

/**
 * Adds a client by hand to an organization (the one chosen; with none chosen, the only one); both staff
 * roles may.
 */
/** A client added by hand, to the organization chosen (null: the only one there is; with several a choice is required). */
export async function addClient(actor: Actor, fields: ClientFields, organizationId: string | null) {
  authorize(actor, "staff");
  return db.transaction(async (tx) => {
    await lockHandWrittenClients(tx);
    const organization = await organizationForHandMadeClient(tx, organizationId);
    if (fields.mail) {
      const holder = (await activeClientsWithMails(tx, organization.id, [fields.mail])).get(mailKey(fields.mail));
      if (holder) throw new FieldError("mail", mailInUseMessage(holder));
    }
    const [created] = await tx
      .insert(clients)
      .values(newClientValues(fields, organization.id))
      .returning({ id: clients.id });
    await appendRecordEvents(tx, [
      { organizationId: organization.id, clientId: created.id, kind: "added_by_hand", ...doneBy(actor) },
    ]);
    await recordAuditEventAbout(
      tx,
      { organizationId: organization.id },
      actor,
      "clients.added",
      `Added ${fields.name} by hand`,
    );
    return created;
  });
}

/** The fields to change, and for a client added by hand the organization to move it to. */
export type ClientEdit = Partial<ClientFields> & { moveToOrganizationId?: string | null };

const organizationName = async (tx: Transaction, id: string) =>
  (await tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id)))[0]?.name ?? null;

/**
 * Changes the fields given. On a client from Microsoft Entra only Notes: its other fields are kept in step
 * with Entra by the sync, which would undo an edit here, so asking to change one is refused. A client
 * added by hand may move to another organization; one from Entra belongs to its connection's.
 */
export async function editClient(actor: Actor, clientId: string, edit: ClientEdit) {
  authorize(actor, "staff");
  return db.transaction(async (tx) => {
    await lockHandWrittenClients(tx);
    const [client] = await tx.select().from(clients).where(eq(clients.id, clientId)).for("update");
    if (!client) throw new ActionRefused("This client no longer exists.");
    const fields = (Object.keys(edit) as ClientField[]).filter(
      (field) => field in clientFieldColumns && edit[field] !== undefined,
    );
    const synced = fields.filter((field) => client.source === "azure" && syncedClientFields.includes(field));
    if (synced.length > 0) {
      const names = synced.map((field) => clientFieldLabels[field]).join(", ");
      const [are, them] = synced.length > 1 ? ["are", "them"] : ["is", "it"];
      throw new ActionRefused(
        `${names} of ${client.displayName} ${are} kept in step with Microsoft Entra ID: change ${them} there. Only Notes can be edited here.`,
      );
    }
    const moving = Boolean(edit.moveToOrganizationId) && edit.moveToOrganizationId !== client.organizationId;
    if (moving && client.source === "azure")
      throw new ActionRefused(
        `${client.displayName} belongs to the organization of the Microsoft Entra tenant it comes from.`,
      );
    const organizationId = moving
      ? (await organizationForHandMadeClient(tx, edit.moveToOrganizationId)).id
      : client.organizationId;
    const changed = fields.filter((field) => (edit[field] ?? null) !== client[clientFieldColumns[field]]);
    if (changed.length === 0 && !moving) return { name: client.displayName, changed: [] };
    const mail = changed.includes("mail") ? edit.mail : moving ? client.mail : null;
    if (mail && client.status === "active") {
      const holder = (await activeClientsWithMails(tx, organizationId, [mail], client.id)).get(mailKey(mail));
      if (holder) throw new FieldError("mail", mailInUseMessage(holder));
    }
    const values = clientColumnValues(Object.fromEntries(changed.map((field) => [field, edit[field]])));
    await tx
      .update(clients)
      .set({ ...values, organizationId, updatedAt: sql`now()` })
      .where(eq(clients.id, client.id));
    // Portal links went to the old address, and sessions were opened with it: neither carries over to the new one.
    if (changed.includes("mail")) await endPortalSessionsAndLinks(tx, client.id);
    // Notes may hold anything staff write: the audit log says that they changed, not what they say.
    const audited = changed.filter((field) => field !== "notes");
    const changes: Record<string, { from: unknown; to: unknown }> = Object.fromEntries(
      audited.map((field) => [clientFieldLabels[field], { from: client[clientFieldColumns[field]], to: edit[field] }]),
    );
    const moved = moving
      ? { from: await organizationName(tx, client.organizationId), to: await organizationName(tx, organizationId) }
      : null;
    if (moved) changes.Organization = moved;
    await appendRecordEvents(tx, handEditEvents(actor, client, { organizationId, values }, changed, moved));
    const labels = [...changed.map((field) => clientFieldLabels[field]), ...(moving ? ["Organization"] : [])];
    const name = edit.name ?? client.displayName;
    await recordAuditEventAbout(
      tx,
      { organizationId },
      actor,
      "clients.edited",
      `Edited ${labels.join(", ")} of ${name}`,
      changes,
    );
    return { name, changed: moving ? [...changed, "organization" as const] : changed };
  });
}
