// The token endpoint's authorization_code grant, modelled from "Microsoft identity platform and OAuth 2.0
// authorization code flow" ("Redeem a code for an access token", "Successful response", "Error response"):
// the code, the redirect URI it was issued for, the PKCE code_verifier, and the app's secret or client assertion.
// A code is single use and lasts ten minutes; the answer carries an id token and an access token for Graph.
// AADSTS numbers and words: the AADSTS error code reference (54005, 70008, 500112, 501481, 50057, 9002313, 70000).
import { createHash } from "node:crypto";
import { missingParameterText as missing } from "./browser-redirects";
import type { FakeTenant } from "./fake-tenant";
import { issueIdToken } from "./id-tokens";
import { appNotFoundText, checkCredential, isAnyOrganization, tenantNotFound, type LoginContext } from "./login-routes";
import { aadstsError, json, type FakeResponse } from "./responses";
import type { CodeGrant } from "./sign-in-state";

const OPENID_SCOPES = new Set(["openid", "profile", "email", "offline_access"]);

const codeProblems = {
  unknown: [9002313, "Invalid request. Request is malformed or invalid."],
  redeemed: [
    54005,
    "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
  ],
  expired: [
    70008,
    "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
  ],
} as const;

function verifierMatches(grant: CodeGrant, verifier: string | null): boolean {
  if (grant.codeChallenge === null) return true;
  if (!verifier) return false;
  const derived =
    grant.codeChallengeMethod === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return derived === grant.codeChallenge;
}

/** Why this request may not redeem this code, or null. */
function grantProblem(grant: CodeGrant, pathTenant: FakeTenant | null, form: URLSearchParams, id: string) {
  const clientId = form.get("client_id")?.trim().toLowerCase();
  // Another app's code, or a code redeemed at another tenant: the page gives no number; 70000 is "InvalidGrant".
  if (grant.clientId.toLowerCase() !== clientId || (pathTenant && pathTenant.tenantId !== grant.tenantId)) {
    return aadstsError(400, "invalid_grant", 70000, "Provided grant is invalid or malformed.", id);
  }
  const redirectUri = form.get("redirect_uri") ?? "";
  if (redirectUri !== grant.redirectUri) {
    return aadstsError(
      400,
      "invalid_grant",
      500112,
      `The reply address '${redirectUri}' does not match the reply address '${grant.redirectUri}' provided when requesting Authorization code.`,
      id,
    );
  }
  if (!verifierMatches(grant, form.get("code_verifier"))) {
    return aadstsError(
      400,
      "invalid_grant",
      501481,
      "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
      id,
    );
  }
  return null;
}

export function codeGrant(
  context: LoginContext,
  tenantKey: string,
  form: URLSearchParams,
  correlationId: string,
): FakeResponse {
  const pathTenant = isAnyOrganization(tenantKey) ? null : context.findTenant(tenantKey);
  if (!isAnyOrganization(tenantKey) && !pathTenant) return tenantNotFound(tenantKey, correlationId);
  const clientId = form.get("client_id")?.trim() ?? "";
  if (!clientId) return aadstsError(400, "invalid_request", 900144, missing("client_id"), correlationId);
  const found = context.directory.registration(clientId);
  if (!found) {
    const where = pathTenant?.displayName ?? tenantKey;
    return aadstsError(400, "unauthorized_client", 700016, appNotFoundText(clientId, where), correlationId);
  }
  const tokenEndpoint = `${context.baseUrl}/${pathTenant?.tenantId ?? tenantKey.toLowerCase()}/oauth2/v2.0/token`;
  const refused = checkCredential(found.app, form, tokenEndpoint, correlationId);
  if (refused) return refused;
  const code = form.get("code") ?? "";
  if (!code) return aadstsError(400, "invalid_request", 900144, missing("code"), correlationId);
  const lookedUp = context.signIn.lookUp(code);
  if ("problem" in lookedUp) {
    const [number, text] = codeProblems[lookedUp.problem];
    return aadstsError(400, "invalid_grant", number, text, correlationId);
  }
  const { grant } = lookedUp;
  const problem = grantProblem(grant, pathTenant, form, correlationId);
  if (problem) return problem;
  const user = context.findTenant(grant.tenantId)?.users.find(grant.userId);
  if (!user || user.state !== "active" || !user.value.accountEnabled) {
    // Disabled (or deleted) between the sign-in and the token request: refused as at sign-in.
    return aadstsError(400, "invalid_grant", 50057, "The user account is disabled.", correlationId);
  }
  context.signIn.markRedeemed(code);
  const scopes = grant.scope.split(/\s+/).filter((scope) => OPENID_SCOPES.has(scope));
  const lifetime = context.tokenLifetimeSeconds;
  const accessToken = context.signer.issue({
    audience: context.baseUrl,
    tenantId: grant.tenantId,
    clientId: found.app.clientId,
    roles: [],
    lifetimeSeconds: lifetime,
    user: { id: user.value.id, scopes: scopes.filter((s) => s !== "offline_access").join(" ") },
  });
  return json(200, {
    token_type: "Bearer",
    scope: scopes.join(" "),
    expires_in: lifetime,
    ext_expires_in: lifetime,
    access_token: accessToken,
    ...(scopes.includes("openid") ? { id_token: issueIdToken(context, grant, user.value) } : {}),
  });
}
