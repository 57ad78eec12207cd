import "server-only";
import { allUsersScope } from "@/db/schema";
import { adminConsentUrl } from "@/lib/azure";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findPrimaryConnection, isSetUp } from "./connection-row";
import { secretExpiry } from "./secret-expiry";

/** The settings as the page shows them: never the secret, only that one is stored. */
export async function getSyncSettings(actor: Actor, now = new Date()) {
  authorize(actor, "superuser");
  const connection = await findPrimaryConnection();
  const clientId = connection?.clientId ?? "";
  const tenantId = connection?.tenantId ?? "";
  return {
    connectionId: connection?.id ?? null,
    setUp: isSetUp(connection),
    enabled: connection?.enabled ?? false,
    syncFrequency: connection?.syncFrequency ?? "manual",
    clientId,
    tenantId,
    secret: connection?.clientSecretCiphertext
      ? { stored: true as const, lastFour: connection.clientSecretLastFour ?? "", addedAt: connection.clientSecretAddedAt }
      : { stored: false as const },
    clientSecretExpiresOn: connection?.clientSecretExpiresOn ?? null,
    expiry: secretExpiry(connection?.clientSecretCiphertext ? (connection.clientSecretExpiresOn ?? null) : null, now),
    syncExternalUsers: connection?.syncExternalUsers ?? false,
    inviteToPortal: connection?.inviteToPortal ?? false,
    usersScope: connection?.usersScope ?? allUsersScope,
    consentUrl: clientId && tenantId ? adminConsentUrl({ clientId, tenantId }) : null,
  };
}

export type SyncSettingsView = Awaited<ReturnType<typeof getSyncSettings>>;

/** For the warning banner on other pages: only superusers see it, and only when it matters. */
export async function getSecretExpiryFor(actor: Actor, now = new Date()) {
  if (actor.role !== "superuser") return null;
  const connection = await findPrimaryConnection();
  if (!connection?.clientSecretCiphertext) return null;
  return secretExpiry(connection.clientSecretExpiresOn, now);
}
