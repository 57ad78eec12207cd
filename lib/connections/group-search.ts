import "server-only";
import { EntraError, openGraphSession, searchGroups, type GraphGroup } from "@/lib/azure";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findConnection } from "./connection-row";
import { requireEntraSettings } from "./load-credentials";

/**
 * "Find groups" under Which users: Entra groups whose name has a word starting with `text`, signed in as every
 * other action of the organization is (its own app, or the provider's app at its tenant).
 */
export async function findGroups(
  actor: Actor,
  text: string,
  organizationId: string,
): Promise<{ groups: GraphGroup[] } | { problem: string }> {
  authorize(actor, "superuser");
  try {
    const settings = await requireEntraSettings(await findConnection(organizationId));
    return { groups: await searchGroups(openGraphSession(settings), text) };
  } catch (error) {
    if (error instanceof EntraError || error instanceof ActionRefused) return { problem: error.message };
    throw error;
  }
}
