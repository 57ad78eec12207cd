// The v2.0 id token, with the claims "ID token claims reference" lists: aud (the client id), iss (the tenant's
// v2.0 issuer), iat, nbf, exp, name and preferred_username (with the profile scope), email (with the email
// scope, for a user with a mail), nonce (as the authorize request sent it), oid, sub (pairwise: one value per
// user and app), tid, uti and ver "2.0". Lifetime one hour ("ID tokens", "Token lifetime"). An invited guest's
// token also carries idp, "the identity provider that authenticated the subject of the token", which the same page
// says differs from iss for an account that is not in the issuer's tenant, such as guests.
import { createHash, randomUUID } from "node:crypto";
import type { FakeUser } from "./generated-objects";
import type { LoginContext } from "./login-routes";
import { issuerOf } from "./openid-metadata";
import type { CodeGrant } from "./sign-in-state";

export const ID_TOKEN_LIFETIME_SECONDS = 3600;

export type IdTokenClaims = {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  name?: string;
  preferred_username?: string;
  email?: string;
  nonce?: string;
  idp?: string;
  oid: string;
  sub: string;
  tid: string;
  uti: string;
  ver: "2.0";
};

/** `sub` is "a pairwise identifier": the same user gets another value in another app. */
const pairwiseSubject = (userId: string, clientId: string) =>
  createHash("sha256").update(`${userId}/${clientId.toLowerCase()}`).digest("base64url");

/** A guest's home directory, as Entra names another tenant's issuer (v1 form); a made-up id per mail domain. */
function guestIdentityProvider(user: FakeUser): string | null {
  if (user.externalUserState === null) return null;
  const domain = (user.mail ?? user.userPrincipalName).split("@").pop()!.toLowerCase();
  const hex = createHash("sha256").update(`home-tenant/${domain}`).digest("hex");
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  return `https://sts.windows.net/${id}/`;
}

export function idTokenClaims(context: LoginContext, grant: CodeGrant, user: FakeUser): IdTokenClaims {
  const scopes = new Set(grant.scope.split(/\s+/));
  const now = Math.floor(Date.now() / 1000);
  return {
    aud: grant.clientId,
    iss: issuerOf(context, grant.tenantId),
    iat: now,
    nbf: now,
    exp: now + ID_TOKEN_LIFETIME_SECONDS,
    ...(scopes.has("profile")
      ? { name: user.displayName ?? user.userPrincipalName, preferred_username: user.userPrincipalName }
      : {}),
    ...(scopes.has("email") && user.mail ? { email: user.mail } : {}),
    ...(grant.nonce !== null ? { nonce: grant.nonce } : {}),
    ...(guestIdentityProvider(user) ? { idp: guestIdentityProvider(user)! } : {}),
    oid: user.id,
    sub: pairwiseSubject(user.id, grant.clientId),
    tid: grant.tenantId,
    uti: randomUUID().replace(/-/g, ""),
    ver: "2.0",
  };
}

/** Signed RS256 with the tenant's current key, the key's `kid` in the header. */
export function issueIdToken(context: LoginContext, grant: CodeGrant, user: FakeUser): string {
  return context.signIn.keys.sign(grant.tenantId, idTokenClaims(context, grant, user));
}
