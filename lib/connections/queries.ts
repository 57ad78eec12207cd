import "server-only";
import { allUsersScope } from "@/db/schema";
import { adminConsentUrl } from "@/lib/azure";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { countClientsToInvite } from "@/lib/portal/create-invitations";
import { credentialOf, describeCredential, hasCredential, findProviderApp } from "@/lib/credentials";
import { findConnection, readinessFactsOf, syncReadiness } from "./connection-row";

/** The settings as the page shows them: never the secret or the private key, only what identifies them. */
export async function getSyncSettings(actor: Actor, organizationId: string, now = new Date()) {
  authorize(actor, "superuser");
  const [connection, provider] = await Promise.all([findConnection(organizationId), findProviderApp()]);
  const method = connection?.method ?? "own_app";
  // A connection by the provider's app shows none of the provider's IDs in the own-app fields.
  const clientId = method === "own_app" ? (connection?.clientId ?? "") : "";
  const tenantId = method === "own_app" ? (connection?.tenantId ?? "") : "";
  return {
    connectionId: connection?.id ?? null,
    organizationId,
    method,
    // The choice of method is offered once the provider's app is entered (or already chosen).
    providerAppEntered: hasCredential(provider),
    consentedTenantId: method === "provider_app" && connection?.clientId ? connection.tenantId : null,
    readiness: syncReadiness(connection && readinessFactsOf(connection)),
    enabled: connection?.enabled ?? false,
    syncFrequency: connection?.syncFrequency ?? "manual",
    clientId,
    tenantId,
    ...describeCredential(connection, now),
    // The provider's credential's expiry stands for a connection that signs in with it.
    expiry: credentialOf(connection, { own: connection, providerApp: provider }, now).expiry,
    syncExternalUsers: connection?.syncExternalUsers ?? false,
    inviteToPortal: connection?.inviteToPortal ?? false,
    // Before "Invite synced users" is saved on: how many clients already synced its next users sync would invite.
    clientsToInvite: connection && !connection.inviteToPortal ? await countClientsToInvite(connection) : null,
    usersScope: connection?.usersScope ?? allUsersScope,
    consentUrl: clientId && tenantId ? adminConsentUrl({ clientId, tenantId }) : null,
    lastTest:
      connection?.lastTest && connection.lastTestedAt ? { ...connection.lastTest, at: connection.lastTestedAt } : null,
  };
}

export type SyncSettingsView = Awaited<ReturnType<typeof getSyncSettings>>;
