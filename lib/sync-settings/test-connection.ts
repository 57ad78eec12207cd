import "server-only";
import { checkEntraConnection, type EntraConnectionReport } from "@/lib/azure";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { findPrimaryConnection, notSetUpMessage, scopeGroupIds } from "./connection-row";
import { entraSettingsOf } from "./load-credentials";

/** "Test connection": the connector's check with the saved settings. */
export async function testSavedConnection(actor: Actor): Promise<EntraConnectionReport> {
  authorize(actor, "superuser");
  const connection = await findPrimaryConnection();
  const settings = connection && entraSettingsOf(connection);
  if (!settings) throw new ActionRefused(notSetUpMessage);
  return checkEntraConnection(settings, { groupIds: scopeGroupIds(connection!) });
}
