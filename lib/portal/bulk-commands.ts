import "server-only";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { resendInvitation, revokePortalAccess } from "./staff-commands";

/** What a bulk command did: how many clients it served, and each refusal in the words the one-by-one button uses. */
export type BulkOutcome = { done: number; refusals: string[] };

/**
 * Runs a one-client portal command for each ticked client, one transaction each, so one client that cannot be
 * served (disabled, no mail, never invited) leaves the others served and says why.
 */
async function forEachClient(actor: Actor, clientIds: string[], command: typeof resendInvitation) {
  authorize(actor, "superuser");
  if (clientIds.length === 0) throw new ActionRefused("Tick at least one client first.");
  const outcome: BulkOutcome = { done: 0, refusals: [] };
  for (const clientId of new Set(clientIds)) {
    try {
      await command(actor, clientId);
      outcome.done++;
    } catch (error) {
      if (!(error instanceof ActionRefused)) throw error;
      if (!outcome.refusals.includes(error.message)) outcome.refusals.push(error.message);
    }
  }
  return outcome;
}

/** "Resend invitations" for the ticked clients: each gets a new link, as "Resend invitation" on its page does. */
export function resendInvitations(actor: Actor, clientIds: string[]) {
  return forEachClient(actor, clientIds, resendInvitation);
}

/** "Revoke portal access" for the ticked clients, as "Revoke access" on each one's page does. */
export function revokePortalAccesses(actor: Actor, clientIds: string[]) {
  return forEachClient(actor, clientIds, revokePortalAccess);
}
