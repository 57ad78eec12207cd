// The v2.0 admin-consent endpoint, as a customer's administrator meets a multi-tenant app:
//   GET  /{tenant|organizations|common}/v2.0/adminconsent?client_id&scope&redirect_uri&state → the consent page
//   POST the same path (the page's form) → 302 to redirect_uri?admin_consent=True&tenant&scope&state, or the refusal
// Until the client id and the redirect URI are known good, errors are a page: nothing goes to an unchecked address.
import {
  errorDescription,
  missingParameterText as missing,
  redirectBack,
  redirectUriMismatchText,
} from "./browser-redirects";
import { consentPage, signInErrorPage } from "./consent-page";
import type { FakeApp, FakeTenant } from "./fake-tenant";
import { isGraphResource } from "./graph-resource";
import { appNotFoundText, isAnyOrganization, unknownTenantError, type LoginContext } from "./login-routes";
import type { FakeResponse } from "./responses";

type ConsentRequest = {
  app: FakeApp;
  home: FakeTenant;
  /** The tenant in the link; null when the administrator picks theirs on the page. */
  tenant: FakeTenant | null;
  redirectUri: string;
  scope: string | null;
  state: string | null;
};

function checkRequest(
  context: LoginContext,
  tenantKey: string,
  params: URLSearchParams,
): ConsentRequest | FakeResponse {
  const anyOrganization = isAnyOrganization(tenantKey);
  const tenant = anyOrganization ? null : context.findTenant(tenantKey);
  if (!anyOrganization && !tenant) {
    const { code, text } = unknownTenantError(tenantKey);
    return signInErrorPage(code, text);
  }
  const clientId = params.get("client_id")?.trim() ?? "";
  if (!clientId) return signInErrorPage(900144, missing("client_id"));
  const found = context.directory.registration(clientId);
  if (!found || (tenant && !context.directory.mayConsent(tenant, clientId))) {
    return signInErrorPage(700016, appNotFoundText(clientId, tenant?.displayName ?? tenantKey));
  }
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!redirectUri) return signInErrorPage(900144, missing("redirect_uri"));
  if (!(found.app.redirectUris ?? []).includes(redirectUri)) {
    return signInErrorPage(50011, redirectUriMismatchText(redirectUri, found.app.clientId));
  }
  return { ...found, tenant, redirectUri, scope: params.get("scope"), state: params.get("state") };
}

/** The fake serves only its Graph's static `/.default`, the way Vertask asks for application permissions. */
function scopeRefusal(context: LoginContext, request: ConsentRequest): FakeResponse | null {
  const scope = request.scope?.trim() ?? "";
  if (!scope)
    return redirectBack(request, {
      error: "invalid_request",
      error_description: errorDescription(900144, missing("scope")),
    });
  if (scope.endsWith("/.default") && isGraphResource(scope.slice(0, -"/.default".length), context.baseUrl)) return null;
  return redirectBack(request, {
    error: "invalid_scope",
    error_description: errorDescription(
      70011,
      `The provided value for the input parameter 'scope' is not valid. The scope '${scope}' is not valid.`,
    ),
  });
}

export function adminConsentPage(context: LoginContext, tenantKey: string, query: URLSearchParams): FakeResponse {
  const request = checkRequest(context, tenantKey, query);
  if ("status" in request) return request;
  const refused = scopeRefusal(context, request);
  if (refused) return refused;
  const fields: Record<string, string> = {
    client_id: request.app.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scope!,
  };
  if (request.state !== null) fields.state = request.state;
  return consentPage({
    appName: request.app.displayName,
    publisher: request.home.displayName,
    permissions: request.app.requestedRoles,
    action: `/${encodeURIComponent(tenantKey)}/v2.0/adminconsent`,
    fields,
    signedInAs: request.tenant,
    tenants: request.tenant
      ? []
      : context.directory.all.map(({ tenantId, displayName, domain }) => ({ tenantId, displayName, domain })),
  });
}

/** The page's answer: Accept grants the app's permissions in the administrator's tenant; Cancel refuses. */
export function adminConsentDecision(context: LoginContext, tenantKey: string, form: URLSearchParams): FakeResponse {
  const request = checkRequest(context, tenantKey, form);
  if ("status" in request) return request;
  const refused = scopeRefusal(context, request);
  if (refused) return refused;
  const picked = form.get("tenant") ?? "";
  const tenant = request.tenant ?? context.findTenant(picked);
  if (!tenant) {
    const { code, text } = unknownTenantError(picked);
    return signInErrorPage(code, text);
  }
  const clientId = request.app.clientId;
  if (!context.directory.mayConsent(tenant, clientId))
    return signInErrorPage(700016, appNotFoundText(clientId, tenant.displayName));
  const decision = form.get("decision");
  if (decision === "accept") {
    context.directory.grantConsent(tenant, clientId);
    return redirectBack(request, { admin_consent: "True", tenant: tenant.tenantId, scope: request.scope!.trim() });
  }
  if (decision === "cancel") {
    // As Microsoft documents the refusal: the admin-consent markers stay, with the error beside them.
    return redirectBack(request, {
      admin_consent: "True",
      tenant: tenant.tenantId,
      error: "access_denied",
      error_description: errorDescription(65004, "User declined to consent to access the app."),
    });
  }
  return signInErrorPage(900144, missing("decision"));
}
