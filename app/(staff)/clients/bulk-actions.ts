"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { ActionRefused } from "@/lib/auth/action-refused";
import { selectedIdsField } from "@/lib/lists/selection";
import { resendInvitations, revokePortalAccesses, type BulkOutcome } from "@/lib/portal/bulk-commands";

const bulkCommand = z.object({ intent: z.enum(["resend", "revoke"]), id: selectedIdsField });

const counted = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function report({ done, refusals }: BulkOutcome, did: (n: number) => string) {
  const notDone = refusals.length ? ` Not done: ${refusals.join(" ")}` : "";
  if (done === 0) throw new ActionRefused(`Nothing was done.${notDone}`);
  return `${did(done)}${notDone}`;
}

/** The client list's bulk actions on the ticked clients: resend portal invitations, or revoke portal access. */
export const clientBulkAction = formAction("superuser", bulkCommand, async ({ intent, id }, actor) => {
  const outcome = intent === "resend" ? await resendInvitations(actor, id) : await revokePortalAccesses(actor, id);
  revalidatePath("/clients");
  return intent === "resend"
    ? report(outcome, (n) => `Sent ${counted(n, "new invitation", "new invitations")}.`)
    : report(outcome, (n) => `Revoked the portal access of ${counted(n, "client", "clients")}.`);
});
