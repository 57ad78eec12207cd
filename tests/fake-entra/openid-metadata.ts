// The OpenID Connect metadata document and the signing keys, per tenant and for organizations and common,
// modelled from "OpenID Connect on the Microsoft identity platform" ("Find your app's OpenID configuration
// document URI", "Sample response"): a tenant's issuer is https://{host}/{tenant id}/v2.0, and the
// multi-tenant authorities publish the template https://{host}/{tenantid}/v2.0, where an app puts the
// token's own `tid`. The keys at jwks_uri are those of "Signing key rollover in the Microsoft identity platform".
import type { FakeTenant } from "./fake-tenant";
import { isAnyOrganization, tenantNotFound, type LoginContext } from "./login-routes";
import { json, type FakeResponse } from "./responses";

/** The `iss` of a tenant's v2.0 id tokens, and the issuer its metadata names. */
export const issuerOf = (context: LoginContext, tenantId: string) => `${context.baseUrl}/${tenantId}/v2.0`;

/** The tenant the path names, or the multi-tenant authority itself; null for a tenant the fake does not have. */
function authorityOf(context: LoginContext, tenantKey: string): { path: string; tenant: FakeTenant | null } | null {
  if (isAnyOrganization(tenantKey)) return { path: tenantKey.toLowerCase(), tenant: null };
  const tenant = context.findTenant(tenantKey);
  return tenant ? { path: tenant.tenantId, tenant } : null;
}

export function openIdConfiguration(context: LoginContext, tenantKey: string): FakeResponse {
  const authority = authorityOf(context, tenantKey);
  if (!authority) return tenantNotFound(tenantKey);
  const base = `${context.baseUrl}/${authority.path}`;
  return json(200, {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ["client_secret_post", "private_key_jwt", "client_secret_basic"],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    // The fake answers the authorization code flow only (authorize.ts), in these three response modes.
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code"],
    // Microsoft's document does not list this; the code flow page accepts S256 and plain.
    code_challenge_methods_supported: ["S256", "plain"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer: authority.tenant ? issuerOf(context, authority.tenant.tenantId) : `${context.baseUrl}/{tenantid}/v2.0`,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${base}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    claims_supported: [
      ...["sub", "iss", "aud", "exp", "iat", "nbf", "nonce", "name", "preferred_username", "email"],
      ...["oid", "tid", "ver", "uti"],
    ],
    tenant_region_scope: authority.tenant ? "EU" : null,
    cloud_instance_name: "microsoftonline.com",
    msgraph_host: new URL(context.baseUrl).host,
  });
}

/**
 * The keys document: a tenant's keys, or for organizations and common every tenant's (Microsoft signs all
 * tenants with shared keys; the fake keeps one set per tenant, so a key from the wrong tenant is caught).
 */
export function signingKeys(context: LoginContext, tenantKey: string): FakeResponse {
  const authority = authorityOf(context, tenantKey);
  if (!authority) return tenantNotFound(tenantKey);
  const tenantIds = authority.tenant ? [authority.tenant.tenantId] : context.directory.all.map((t) => t.tenantId);
  const issuer = (tenantId: string) =>
    authority.tenant ? issuerOf(context, tenantId) : `${context.baseUrl}/{tenantid}/v2.0`;
  return json(200, { keys: context.signIn.keys.published(tenantIds, issuer) });
}
