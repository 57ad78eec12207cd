import "server-only";
import type { EntraConnectionSettings } from "@/lib/azure";
import type { EntraConnection } from "@/db/schema";
import { connectionCredentialPurposes, decryptCredential, providerAppSettings } from "@/lib/credentials";
import { ActionRefused } from "@/lib/auth/action-refused";
import { isSetUp, notReadyMessage } from "./connection-row";

/**
 * Decrypts the stored secret or certificate key for the one call that needs a token; never store or return the
 * result. A connection by the provider's app signs in with that app's ID and credential at its own tenant.
 */
export async function entraSettingsOf(connection: EntraConnection): Promise<EntraConnectionSettings | null> {
  if (!isSetUp(connection)) return null;
  if (connection.method === "provider_app") return providerAppSettings(connection.tenantId, connection.clientId);
  return {
    clientId: connection.clientId,
    tenantId: connection.tenantId,
    credential: decryptCredential(connection, connectionCredentialPurposes(connection.id)),
  };
}

/** As entraSettingsOf, for an action that cannot go on without them: refused with why (waiting for consent, not set up). */
export async function requireEntraSettings(connection: EntraConnection | null): Promise<EntraConnectionSettings> {
  const settings = connection && (await entraSettingsOf(connection));
  if (!settings) throw new ActionRefused(notReadyMessage(connection)!);
  return settings;
}
