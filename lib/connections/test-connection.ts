import "server-only";
import { checkEntraConnection, type EntraConnectionReport } from "@/lib/azure";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findConnection, scopeGroupIds } from "./connection-row";
import { requireEntraSettings } from "./load-credentials";

/** "Test connection": the connector's check with the organization's saved settings. */
export async function testSavedConnection(
  actor: Actor,
  organizationId: string,
): Promise<EntraConnectionReport & { connectionId: string }> {
  authorize(actor, "superuser");
  const connection = await findConnection(organizationId);
  const settings = await requireEntraSettings(connection);
  // The connection tested goes with the report, so what a passing test clears is this one's.
  return {
    ...(await checkEntraConnection(settings, { groupIds: scopeGroupIds(connection!) })),
    connectionId: connection!.id,
  };
}
