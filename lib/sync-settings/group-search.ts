import "server-only";
import { EntraError, openGraphSession, searchGroups, type GraphGroup } from "@/lib/azure";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findConnection, notSetUpMessage } from "./connection-row";
import { entraSettingsOf } from "./load-credentials";

/** "Find groups" under Which users: Entra groups whose name has a word starting with `text`, with the saved app. */
export async function findGroups(actor: Actor, text: string, organizationId?: string): Promise<{ groups: GraphGroup[] } | { problem: string }> {
  authorize(actor, "superuser");
  const connection = await findConnection(organizationId);
  try {
    const settings = connection && (await entraSettingsOf(connection));
    if (!settings) return { problem: notSetUpMessage };
    return { groups: await searchGroups(openGraphSession(settings), text) };
  } catch (error) {
    if (error instanceof EntraError || error instanceof ActionRefused) return { problem: error.message };
    throw error;
  }
}
