import "server-only";
import { EntraError, openGraphSession, searchGroups, type GraphGroup } from "@/lib/azure";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findPrimaryConnection, notSetUpMessage } from "./connection-row";
import { entraSettingsOf } from "./load-credentials";

/** "Find groups" under Which users: Entra groups whose name has a word starting with `text`, with the saved app. */
export async function findGroups(actor: Actor, text: string): Promise<{ groups: GraphGroup[] } | { problem: string }> {
  authorize(actor, "superuser");
  const connection = await findPrimaryConnection();
  const settings = connection && entraSettingsOf(connection);
  if (!settings) return { problem: notSetUpMessage };
  try {
    return { groups: await searchGroups(openGraphSession(settings), text) };
  } catch (error) {
    if (error instanceof EntraError) return { problem: error.message };
    throw error;
  }
}
