import "server-only";
import { checkEntraConnection, type EntraConnectionReport } from "@/lib/azure";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { findConnection, isWaitingForConsent, notSetUpMessage, scopeGroupIds, waitingForConsentMessage } from "./connection-row";
import { entraSettingsOf } from "./load-credentials";

/** "Test connection": the connector's check with the saved settings of the organization (the single one when none is named). */
export async function testSavedConnection(actor: Actor, organizationId?: string): Promise<EntraConnectionReport & { connectionId: string }> {
  authorize(actor, "superuser");
  const connection = await findConnection(organizationId);
  if (isWaitingForConsent(connection)) throw new ActionRefused(waitingForConsentMessage);
  const settings = connection && (await entraSettingsOf(connection));
  if (!settings) throw new ActionRefused(notSetUpMessage);
  // The connection tested goes with the report, so what a passing test clears is this one's.
  return { ...(await checkEntraConnection(settings, { groupIds: scopeGroupIds(connection!) })), connectionId: connection!.id };
}
