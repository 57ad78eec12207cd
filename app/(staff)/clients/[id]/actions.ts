"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { formAction } from "@/lib/actions/form-action";
import { resendInvitation, revokePortalAccess } from "@/lib/portal/staff-commands";
import { editClient } from "@/lib/clients/commands";
import { clientFields, organizationChoice } from "@/lib/clients/client-fields";

const forClient = z.object({ clientId: uuidField("Choose a client.") });

export const resendInvitationAction = formAction("superuser", forClient, async ({ clientId }, actor) => {
  await resendInvitation(actor, clientId);
  revalidatePath(`/clients/${clientId}`);
  return "A new invitation is on its way.";
});

export const revokePortalAccessAction = formAction("superuser", forClient, async ({ clientId }, actor) => {
  await revokePortalAccess(actor, clientId);
  revalidatePath(`/clients/${clientId}`);
  return "Portal access revoked: the client is signed out everywhere.";
});

/** Saves what the client's page lets staff edit: every field of a client added by hand, Notes of one from Entra. */
async function saveClientEdit(
  clientId: string,
  edit: Parameters<typeof editClient>[2],
  actor: Parameters<typeof editClient>[0],
) {
  const { name, changed } = await editClient(actor, clientId, edit);
  revalidatePath(`/clients/${clientId}`);
  revalidatePath("/clients");
  return changed.length === 0 ? "Nothing changed." : `Saved the changes to ${name}.`;
}

export const editClientAction = formAction(
  "staff",
  clientFields.extend(forClient.shape).extend(organizationChoice.shape),
  async ({ clientId, organizationId, ...edit }, actor) =>
    saveClientEdit(clientId, { ...edit, moveToOrganizationId: organizationId }, actor),
);

export const saveClientNotesAction = formAction(
  "staff",
  clientFields.pick({ notes: true }).extend(forClient.shape),
  async ({ clientId, notes }, actor) => saveClientEdit(clientId, { notes }, actor),
);
