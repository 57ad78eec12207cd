// The Entra ID side: the v2.0 token endpoint (client credentials), instance discovery, and the v1
// admin-consent link that grants at once, with Microsoft's AADSTS errors. The v2.0 admin-consent page, for
// multi-tenant apps, is in admin-consent.ts; OpenID metadata and keys in openid-metadata.ts; the sign-in of
// users (authorize endpoint, code grant) in authorize.ts and code-grant.ts.
import type { AccessTokenSigner } from "./access-tokens";
import { verifyClientAssertion } from "./client-assertion";
import type { FakeApp, FakeTenant } from "./fake-tenant";
import { isGraphResource } from "./graph-resource";
import { aadstsError, html, json, type FakeResponse } from "./responses";
import type { SignInState } from "./sign-in-state";
import type { TenantDirectory } from "./tenant-directory";

export type LoginContext = {
  baseUrl: string;
  /** Codes handed out, the user a test chose in advance, and the tenants' id token signing keys. */
  signIn: SignInState;
  findTenant: (key: string) => FakeTenant | null;
  directory: TenantDirectory;
  signer: AccessTokenSigner;
  tokenLifetimeSeconds: number;
};

/** AADSTS700016's words: the tenant has no registration of the app and has not consented to it. */
export const appNotFoundText = (clientId: string, directoryName: string) =>
  `Application with identifier '${clientId}' was not found in the directory '${directoryName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`;

/** The authorities that stand for "any work or school account" rather than one tenant. */
export const isAnyOrganization = (tenantKey: string) => ["organizations", "common"].includes(tenantKey.toLowerCase());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** AADSTS90002, or 900023 for a name that cannot be a tenant at all: the number and Microsoft's words. */
export function unknownTenantError(tenantKey: string): { code: number; text: string } {
  if (!GUID.test(tenantKey) && !tenantKey.includes(".")) {
    return {
      code: 900023,
      text: `Specified tenant identifier '${tenantKey}' is neither a valid DNS name, nor a valid external domain.`,
    };
  }
  return {
    code: 90002,
    text: `Tenant '${tenantKey}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  };
}

export function tenantNotFound(tenantKey: string, correlationId?: string): FakeResponse {
  const { code, text } = unknownTenantError(tenantKey);
  return aadstsError(400, "invalid_request", code, text, correlationId);
}

export const tokenEndpointOf = (context: LoginContext, tenant: FakeTenant) =>
  `${context.baseUrl}/${tenant.tenantId}/oauth2/v2.0/token`;

/** What MSAL asks when it does not know a host; the fake answers for itself. */
export function instanceDiscovery(context: LoginContext): FakeResponse {
  const host = new URL(context.baseUrl).host;
  return json(200, {
    tenant_discovery_endpoint: `${context.baseUrl}/common/v2.0/.well-known/openid-configuration`,
    "api-version": "1.1",
    metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
  });
}

/**
 * The token request's form, with the client id and secret of an `Authorization: Basic` header (URL-encoded, then
 * base64) moved into it: "The Basic auth pattern of instead providing credentials in the Authorization header, per
 * RFC 6749 is also supported" ("Microsoft identity platform and OAuth 2.0 authorization code flow").
 */
export function tokenRequestForm(body: string, authorization: string | undefined): URLSearchParams {
  const form = new URLSearchParams(body);
  const basic = authorization?.match(/^Basic\s+(\S+)$/i)?.[1];
  if (!basic) return form;
  const [clientId = "", secret = ""] = Buffer.from(basic, "base64").toString("utf8").split(":");
  if (!form.has("client_id")) form.set("client_id", decodeURIComponent(clientId.replace(/\+/g, " ")));
  if (!form.has("client_secret")) form.set("client_secret", decodeURIComponent(secret.replace(/\+/g, " ")));
  return form;
}

/**
 * The app's client secret or client assertion (certificate), checked as the token endpoint checks them for every
 * confidential-client grant; `tokenEndpoint` is the audience an assertion must name.
 */
export function checkCredential(
  app: FakeApp,
  form: URLSearchParams,
  tokenEndpoint: string,
  correlationId: string,
): FakeResponse | null {
  const secret = form.get("client_secret");
  const assertion = form.get("client_assertion");
  if (secret !== null) {
    const match = app.secrets.find((s) => s.value === secret);
    if (!match) {
      return aadstsError(
        401,
        "invalid_client",
        7000215,
        `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${app.clientId}'.`,
        correlationId,
      );
    }
    if (match.expiresAt.getTime() <= Date.now()) {
      return aadstsError(
        401,
        "invalid_client",
        7000222,
        `The provided client secret keys for app '${app.clientId}' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds.`,
        correlationId,
      );
    }
    return null;
  }
  if (assertion !== null) {
    const verdict = verifyClientAssertion(assertion, app, tokenEndpoint);
    return verdict.ok ? null : aadstsError(401, "invalid_client", verdict.code, verdict.description, correlationId);
  }
  // The AADSTS error code reference: 7000216 for client credentials, 7000218 for the other grants.
  return form.get("grant_type") === "client_credentials"
    ? aadstsError(
        401,
        "invalid_client",
        7000216,
        "'client_assertion', 'client_secret' or 'request' is required for the 'client_credentials' grant type.",
        correlationId,
      )
    : aadstsError(
        401,
        "invalid_client",
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
        correlationId,
      );
}

function checkScope(
  context: LoginContext,
  scope: string | null,
  correlationId: string,
): { audience: string } | FakeResponse {
  const resource = scope?.trim().replace(/\/\.default$/, "") ?? "";
  if (!scope || !scope.trim().endsWith("/.default")) {
    return aadstsError(
      400,
      "invalid_scope",
      1002012,
      `The provided value for scope ${scope ?? ""} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
      correlationId,
    );
  }
  if (!isGraphResource(resource, context.baseUrl)) {
    return aadstsError(
      400,
      "invalid_resource",
      500011,
      `The resource principal named ${resource} was not found in the tenant.`,
      correlationId,
    );
  }
  return { audience: resource.replace(/\/+$/, "") };
}

export function tokenEndpoint(
  context: LoginContext,
  tenantKey: string,
  form: URLSearchParams,
  correlationId: string,
): FakeResponse {
  const tenant = context.findTenant(tenantKey);
  if (!tenant) return tenantNotFound(tenantKey, correlationId);
  if (form.get("grant_type") !== "client_credentials") {
    return aadstsError(
      400,
      "unsupported_grant_type",
      70003,
      "The app requested an unsupported grant type.",
      correlationId,
    );
  }
  const clientId = form.get("client_id") ?? "";
  if (!clientId)
    return aadstsError(
      400,
      "invalid_request",
      900144,
      "The request body must contain the following parameter: 'client_id'.",
      correlationId,
    );
  // A multi-tenant app is known where an administrator consented; its credentials are those of its home registration.
  const app = context.directory.appIn(tenant, clientId);
  if (!app)
    return aadstsError(
      400,
      "unauthorized_client",
      700016,
      appNotFoundText(clientId, tenant.displayName),
      correlationId,
    );
  const scope = checkScope(context, form.get("scope"), correlationId);
  if ("status" in scope) return scope;
  const refused = checkCredential(app.registration, form, tokenEndpointOf(context, tenant), correlationId);
  if (refused) return refused;
  const lifetime = context.tokenLifetimeSeconds;
  const accessToken = context.signer.issue({
    audience: scope.audience,
    tenantId: tenant.tenantId,
    clientId: app.registration.clientId,
    roles: app.grantedRoles,
    lifetimeSeconds: lifetime,
  });
  return json(200, { token_type: "Bearer", expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken });
}

/** Following the consent link grants what the app asked for, as "Grant admin consent" does (the guide's "Grant admin consent" step). */
export function adminConsent(context: LoginContext, tenantKey: string, clientId: string | null): FakeResponse {
  const tenant = context.findTenant(tenantKey);
  if (!tenant) return html(400, "Tenant not found");
  const granted = clientId ? context.directory.grantConsent(tenant, clientId) : null;
  if (!granted) return html(400, "Application not found in this directory");
  return html(
    200,
    `Admin consent granted to ${granted.registration.displayName} for ${tenant.displayName}: ${granted.grantedRoles.join(", ") || "no permissions"}`,
  );
}
