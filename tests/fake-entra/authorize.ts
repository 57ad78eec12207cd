// The v2.0 authorize endpoint for the authorization code flow ("Microsoft identity platform and OAuth 2.0
// authorization code flow"):
//   GET  /{tenant|organizations|common}/oauth2/v2.0/authorize?client_id&response_type=code&redirect_uri&scope&state
//        &nonce&code_challenge&code_challenge_method → the user a test chose in advance signs in at once, or the page
//   POST the same path (the page's form, with `user`) → 302 to redirect_uri?code&state (or a form_post page)
import { redirectBack, redirectError } from "./browser-redirects";
import { signInErrorPage } from "./consent-page";
import type { FakeTenant } from "./fake-tenant";
import type { FakeUser } from "./generated-objects";
import { AUTHORIZE_PARAMETERS, checkAuthorizeRequest, signInTenants, type AuthorizeRequest } from "./authorize-request";
import type { LoginContext } from "./login-routes";
import type { FakeResponse } from "./responses";
import { signInPage, type SignInPageGroup } from "./sign-in-page";

/** Users listed per tenant on one page of the sign-in page. */
const USERS_PER_PAGE = 20;

/** A chosen user signs in: a code for the app, or Entra's refusal of a disabled account. */
function signIn(context: LoginContext, request: AuthorizeRequest, tenant: FakeTenant, user: FakeUser): FakeResponse {
  if (!user.accountEnabled) {
    // AADSTS50057 (UserDisabled) from the AADSTS error code reference. Which `error` goes with it is not
    // documented; access_denied is the authorization error of RFC 6749 that the code flow page lists for a refusal.
    return redirectError(request, "access_denied", 50057, "The user account is disabled.");
  }
  const code = context.signIn.issueCode({
    tenantId: tenant.tenantId,
    userId: user.id,
    clientId: request.app.clientId,
    redirectUri: request.redirectUri,
    scope: request.scope,
    nonce: request.nonce,
    codeChallenge: request.codeChallenge,
    codeChallengeMethod: request.codeChallengeMethod,
  });
  // The code flow page's successful response also names the tenant's region and the client info; `code` and
  // `state` are what an app reads.
  return redirectBack(request, { code });
}

function activeUser(tenant: FakeTenant, userId: string): FakeUser | null {
  const stored = tenant.users.find(userId);
  return stored?.state === "active" ? stored.value : null;
}

function matchingUsers(tenant: FakeTenant, search: string, skip: number): { users: FakeUser[]; more: boolean } {
  const needle = search.trim().toLowerCase();
  const users: FakeUser[] = [];
  let matched = 0;
  for (let index = 0; index < tenant.users.end && users.length <= USERS_PER_PAGE; index++) {
    const stored = tenant.users.at(index);
    if (stored.state !== "active") continue;
    const user = stored.value;
    const text = `${user.displayName ?? ""} ${user.userPrincipalName}`.toLowerCase();
    if (needle && !text.includes(needle)) continue;
    if (matched++ >= skip) users.push(user);
  }
  return { users: users.slice(0, USERS_PER_PAGE), more: users.length > USERS_PER_PAGE };
}

function pickAccountPage(
  context: LoginContext,
  tenantKey: string,
  request: AuthorizeRequest,
  query: URLSearchParams,
): FakeResponse {
  const search = query.get("q") ?? request.loginHint ?? "";
  const pageNumber = Math.max(1, Number.parseInt(query.get("page") ?? "1", 10) || 1);
  let hasNextPage = false;
  const groups: SignInPageGroup[] = signInTenants(context, request).map((tenant) => {
    const { users, more } = matchingUsers(tenant, search, (pageNumber - 1) * USERS_PER_PAGE);
    hasNextPage ||= more;
    return {
      tenantId: tenant.tenantId,
      displayName: tenant.displayName,
      domain: tenant.domain,
      users: users.map((user) => ({
        id: user.id,
        displayName: user.displayName ?? user.userPrincipalName,
        userPrincipalName: user.userPrincipalName,
        enabled: user.accountEnabled,
      })),
    };
  });
  const fields: Record<string, string> = {};
  for (const name of AUTHORIZE_PARAMETERS) {
    const value = query.get(name);
    if (value !== null) fields[name] = value;
  }
  return signInPage({
    appName: request.app.displayName,
    action: `/${encodeURIComponent(tenantKey)}/oauth2/v2.0/authorize`,
    fields,
    search,
    pageNumber,
    hasNextPage,
    groups,
  });
}

export function authorizeRequest(context: LoginContext, tenantKey: string, query: URLSearchParams): FakeResponse {
  const request = checkAuthorizeRequest(context, tenantKey, query);
  if ("status" in request) return request;
  const tenants = signInTenants(context, request);
  const chosen = context.signIn.takePreselected((tenantId) => tenants.some((t) => t.tenantId === tenantId));
  const tenant = chosen && tenants.find((t) => t.tenantId === chosen.tenantId);
  const user = tenant && activeUser(tenant, chosen.userId);
  if (tenant && user) return signIn(context, request, tenant, user);
  if (request.prompt === "none") {
    // prompt=none with nobody signed in: login_required, as the code flow page's error table says.
    return redirectError(
      request,
      "login_required",
      50058,
      "A silent sign-in request was sent but no user is signed in.",
    );
  }
  return pickAccountPage(context, tenantKey, request, query);
}

/** The page's answer: `user` is "{tenantId}:{userId}" of one of the users it listed. */
export function authorizeChoice(context: LoginContext, tenantKey: string, form: URLSearchParams): FakeResponse {
  const request = checkAuthorizeRequest(context, tenantKey, form);
  if ("status" in request) return request;
  const [tenantId = "", userId = ""] = (form.get("user") ?? "").split(":");
  const tenant = signInTenants(context, request).find((t) => t.tenantId === tenantId.toLowerCase());
  const user = tenant && activeUser(tenant, userId);
  if (!tenant || !user) {
    // AADSTS50034 from the AADSTS error code reference: the account is not in the directory.
    return signInErrorPage(50034, `The user account ${userId} does not exist in the ${tenantId} directory.`);
  }
  return signIn(context, request, tenant, user);
}
