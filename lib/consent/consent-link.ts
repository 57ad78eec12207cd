import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { organizations } from "@/db/schema";
import { multiTenantAdminConsentUrl, tenantIdOfDomain } from "@/lib/azure";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { appUrl } from "@/lib/mail/app-url";
import {
  findConnection,
  unknownOrganizationMessage,
  organizationHoldingTenant,
  tenantTakenMessage,
} from "@/lib/connections";
import { recordConsentLink } from "./consent-record";
import { consentLinkLifetimeMs, hashConsentState, newConsentState } from "./consent-state";
import { hasCredential, findProviderApp, providerAppMissingMessage } from "@/lib/credentials";

/** Where Entra sends the administrator's browser back: register exactly this as the provider app's Web redirect URI. */
export const consentRedirectUri = () => `${appUrl()}/settings/organizations/consent`;

/**
 * The tenant an answer may bind, when it can be known before asking: the organization's tenant, else the tenant
 * its primary domain belongs to (Entra's discovery document, no permission needed). Null: any tenant may answer, and a superuser confirms it.
 */
async function expectedTenantOf(connectionTenantId: string | null, primaryDomain: string | null) {
  if (connectionTenantId) return connectionTenantId.toLowerCase();
  return primaryDomain ? tenantIdOfDomain(primaryDomain) : null;
}

/**
 * "Get the admin consent link": a link for the organization's administrator with a fresh `state` that works once, for
 * 7 days, in whatever browser it is opened. It is stored with what its answer may bind (the organization, the provider
 * app, the tenant when known, which the link then names instead of "organizations").
 */
export async function createConsentLink(actor: Actor, organizationId: string, now = new Date()) {
  authorize(actor, "superuser");
  const [organization] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!organization) throw new ActionRefused(unknownOrganizationMessage);
  const [connection, provider] = await Promise.all([findConnection(organizationId), findProviderApp()]);
  if (!provider || !hasCredential(provider)) throw new ActionRefused(providerAppMissingMessage);
  if (connection?.method !== "provider_app") {
    throw new ActionRefused(
      "Choose Connect with: The provider's multi-tenant app, and Save Changes, before asking for consent.",
    );
  }
  const expectedTenantId = await expectedTenantOf(connection.tenantId, organization.primaryDomain);
  const holder = expectedTenantId && (await organizationHoldingTenant(expectedTenantId, organizationId));
  if (holder) throw new ActionRefused(tenantTakenMessage(expectedTenantId, holder));
  const state = newConsentState();
  const expiresAt = new Date(now.getTime() + consentLinkLifetimeMs);
  await recordConsentLink(actor, organization.name, {
    organizationId,
    requestedById: actor.id,
    stateHash: hashConsentState(state),
    clientId: provider.clientId,
    expectedTenantId,
    createdAt: now,
    expiresAt,
  });
  const url = multiTenantAdminConsentUrl({
    tenant: expectedTenantId,
    clientId: provider.clientId,
    redirectUri: consentRedirectUri(),
    state,
  });
  return { url, expiresAt, expectedTenantId };
}
