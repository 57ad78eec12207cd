"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { resendInvitation, revokePortalAccess } from "@/lib/portal/staff-commands";

const forClient = z.object({ clientId: z.uuid("Choose a client.") });

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
