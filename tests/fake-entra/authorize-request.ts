// Checking a request to the v2.0 authorize endpoint, in the order "Microsoft identity platform and OAuth 2.0
// authorization code flow" ("Request an authorization code") implies: until the tenant, the client id and the
// redirect URI are known good, an error is a page (nothing goes to an unchecked address); after that, errors
// go back to the redirect URI as `error` and `error_description`.
import {
  missingParameterText as missing,
  redirectBack,
  redirectError,
  redirectUriMismatchText,
  type BrowserReturn,
  type ResponseMode,
} from "./browser-redirects";
import { signInErrorPage } from "./consent-page";
import type { FakeApp, FakeTenant } from "./fake-tenant";
import { appNotFoundText, isAnyOrganization, unknownTenantError, type LoginContext } from "./login-routes";
import type { FakeResponse } from "./responses";

export type AuthorizeRequest = BrowserReturn & {
  app: FakeApp;
  /** The tenant in the path; null for organizations and common, where the user's own tenant decides. */
  tenant: FakeTenant | null;
  scope: string;
  nonce: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: "S256" | "plain";
  prompt: string | null;
  loginHint: string | null;
};

const RESPONSE_MODES: ResponseMode[] = ["query", "fragment", "form_post"];

/** The parameters the sign-in page carries from the first request to the user's choice. */
export const AUTHORIZE_PARAMETERS = [
  "client_id",
  "response_type",
  "redirect_uri",
  "scope",
  "response_mode",
  "state",
  "nonce",
  "code_challenge",
  "code_challenge_method",
  "prompt",
  "login_hint",
] as const;

/** The tenant, the app and its redirect URI; a page when one of them is wrong. */
function checkClient(context: LoginContext, tenantKey: string, params: URLSearchParams) {
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
  if (anyOrganization && !found.app.multiTenant) {
    // AADSTS50194, from the AADSTS error code reference: /common and /organizations need a multi-tenant app.
    return signInErrorPage(
      50194,
      `Application '${found.app.clientId}'(${found.app.displayName}) is not configured as a multi-tenant application. Usage of the /common endpoint is not supported for such applications created after '10/15/2018'. Use a tenant-specific endpoint or configure the application to be multi-tenant.`,
    );
  }
  const redirectUri = params.get("redirect_uri") ?? "";
  if (!redirectUri) return signInErrorPage(900144, missing("redirect_uri"));
  if (!(found.app.redirectUris ?? []).includes(redirectUri)) {
    return signInErrorPage(50011, redirectUriMismatchText(redirectUri, found.app.clientId));
  }
  return { app: found.app, tenant, redirectUri };
}

export function checkAuthorizeRequest(
  context: LoginContext,
  tenantKey: string,
  params: URLSearchParams,
): AuthorizeRequest | FakeResponse {
  const client = checkClient(context, tenantKey, params);
  if ("status" in client) return client;
  const mode = params.get("response_mode") as ResponseMode | null;
  const back: BrowserReturn = {
    redirectUri: client.redirectUri,
    state: params.get("state"),
    responseMode: mode && RESPONSE_MODES.includes(mode) ? mode : "query",
  };
  const responseType = params.get("response_type")?.trim() ?? "";
  if (!responseType) return redirectError(back, "invalid_request", 900144, missing("response_type"));
  if (responseType !== "code") {
    // The fake serves the authorization code flow only; the implicit and hybrid flows are not there.
    return redirectError(
      back,
      "unsupported_response_type",
      700054,
      `response_type '${responseType}' is not enabled for the application.`,
    );
  }
  const scope = params.get("scope")?.trim() ?? "";
  if (!scope) return redirectError(back, "invalid_request", 900144, missing("scope"));
  const method = params.get("code_challenge_method") ?? "plain";
  if (method !== "S256" && method !== "plain") {
    // The page names only "plain" and "S256"; it gives no AADSTS number for another method, so the fake sends none.
    return redirectBack(back, {
      error: "invalid_request",
      error_description: `code_challenge_method '${method}' is not supported: use S256 (or plain).`,
    });
  }
  return {
    ...client,
    ...back,
    scope,
    nonce: params.get("nonce"),
    codeChallenge: params.get("code_challenge"),
    codeChallengeMethod: method,
    prompt: params.get("prompt"),
    loginHint: params.get("login_hint"),
  };
}

/** The tenants whose users may sign in through this request: the one in the path, or every tenant the app may enter. */
export function signInTenants(context: LoginContext, request: AuthorizeRequest): readonly FakeTenant[] {
  if (request.tenant) return [request.tenant];
  return context.directory.all.filter((tenant) => context.directory.mayConsent(tenant, request.app.clientId));
}
