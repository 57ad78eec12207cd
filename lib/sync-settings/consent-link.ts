import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { consentRequests, organizations } from "@/db/schema";
import { multiTenantAdminConsentUrl } from "@/lib/azure";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { appUrl } from "@/lib/mail/app-url";
import { findConnection, unknownOrganizationMessage } from "./connection-row";
import { consentLinkLifetimeMs, hashConsentState, newConsentState } from "./consent-state";
import { findProviderApp, hasProviderCredential, providerAppMissingMessage } from "./provider-app";

/** Where Entra sends the administrator's browser back: register exactly this as the provider app's Web redirect URI. */
export const consentRedirectUri = () => `${appUrl()}/settings/organizations/consent`;

/**
 * "Get the admin consent link": a link for the organization's administrator with a fresh `state` that works once,
 * for 7 days, in whatever browser the administrator opens it; the answer is recorded in this superuser's name. The tenant is named when known, else "organizations".
 */
export async function createConsentLink(actor: Actor, organizationId: string, now = new Date()) {
  authorize(actor, "superuser");
  const [organization] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, organizationId));
  if (!organization) throw new ActionRefused(unknownOrganizationMessage);
  const [connection, provider] = await Promise.all([findConnection(organizationId), findProviderApp()]);
  if (!provider || !hasProviderCredential(provider)) throw new ActionRefused(providerAppMissingMessage);
  if (connection?.method !== "provider_app") {
    throw new ActionRefused("Choose Connect with: The provider's multi-tenant app, and Save Changes, before asking for consent.");
  }
  const state = newConsentState();
  const expiresAt = new Date(now.getTime() + consentLinkLifetimeMs);
  await db.insert(consentRequests).values({ organizationId, requestedById: actor.id, stateHash: hashConsentState(state), createdAt: now, expiresAt });
  const url = multiTenantAdminConsentUrl({ tenant: connection.tenantId, clientId: provider.clientId, redirectUri: consentRedirectUri(), state });
  return { url, expiresAt };
}
