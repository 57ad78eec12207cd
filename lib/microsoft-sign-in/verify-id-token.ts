import "server-only";
import { errors, TokenSet, type BaseClient, type Issuer } from "openid-client";
import { isUuid } from "@/db/is-uuid";
import { issuerOfTenant } from "./authorities";
import type { MicrosoftIdentity, MicrosoftSignInRefusal, RefusalReason } from "./types";

// The id token's checks are openid-client's (validateIdToken: signature against the tenant's published keys,
// issuer, audience, expiry, nonce); only the tenant it is checked against is chosen here, from the token's own
// unverified `tid`, because a multi-tenant app's tokens carry the issuer of the person's own tenant.

type IdTokenClaims = {
  tid?: unknown;
  oid?: unknown;
  iss?: unknown;
  idp?: unknown;
  email?: unknown;
  preferred_username?: unknown;
  name?: unknown;
};

const refused = (reason: RefusalReason, detail: string): { ok: false; refusal: MicrosoftSignInRefusal } => ({
  ok: false,
  refusal: { reason, aadsts: null, detail },
});

function unverifiedClaims(idToken: string): IdTokenClaims | null {
  try {
    return JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString("utf8")) as IdTokenClaims;
  } catch {
    return null;
  }
}

/** openid-client's refusal, in the reasons the audit log names. */
function reasonOf(error: unknown): RefusalReason {
  const message = error instanceof Error ? error.message : "";
  if (/nonce mismatch/.test(message)) return "nonce-mismatch";
  if (/unexpected iss value/.test(message)) return "wrong-issuer";
  if (/\baud\b|azp/.test(message)) return "wrong-audience";
  if (/JWT expired|JWT not active yet|\bexp\b|\bnbf\b/.test(message)) return "expired";
  if (/signature|no valid key found|unexpected JWT alg/.test(message)) return "bad-signature";
  return "invalid-token";
}

const isUnknownKey = (error: unknown) =>
  error instanceof errors.RPError && /no valid key found in issuer's jwks_uri/.test(error.message);

const text = (value: unknown) => (typeof value === "string" && value.trim() ? value.trim() : null);

/**
 * The person an id token names, once openid-client has verified it for this app and this nonce; a token signed
 * with a key the tenant's cached keys lack makes it read the keys again once (Microsoft rotates its keys).
 */
export async function verifyIdToken(
  idToken: string,
  expected: { clientId: string; nonce: string },
): Promise<{ ok: true; identity: MicrosoftIdentity } | { ok: false; refusal: MicrosoftSignInRefusal }> {
  const claims = unverifiedClaims(idToken);
  const tid = typeof claims?.tid === "string" ? claims.tid.toLowerCase() : "";
  if (!isUuid(tid)) return refused("invalid-token", "The id token names no tenant (tid).");
  let issuer: Issuer & { reloadJwksUri(): Promise<void> };
  try {
    issuer = (await issuerOfTenant(tid)) as typeof issuer;
  } catch {
    return refused("wrong-issuer", `The tenant ${tid} that the id token names publishes no OpenID metadata.`);
  }
  const client = new issuer.Client({
    client_id: expected.clientId,
    token_endpoint_auth_method: "none",
    id_token_signed_response_alg: "RS256",
  }) as BaseClient & { validateIdToken(tokenSet: TokenSet, nonce: string, returnedBy: "token"): Promise<TokenSet> };
  const validate = () => client.validateIdToken(new TokenSet({ id_token: idToken }), expected.nonce, "token");
  let verified: IdTokenClaims;
  try {
    try {
      verified = (await validate()).claims();
    } catch (error) {
      if (!isUnknownKey(error)) throw error;
      await issuer.reloadJwksUri();
      verified = (await validate()).claims();
    }
  } catch (error) {
    const reason = reasonOf(error);
    return refused(reason, `The id token was refused (${reason.replace(/-/g, " ")}).`);
  }
  const oid = text(verified.oid);
  if (!oid) return refused("invalid-token", "The id token names no object id (oid).");
  // A guest ("idp" other than the issuer, ID token claims reference) was vouched for by another directory: the
  // tenant does not stand behind their address, so it is not passed on to match anyone by.
  const guest = text(verified.idp) !== null && verified.idp !== verified.iss;
  return {
    ok: true,
    identity: {
      tenantId: tid,
      objectId: oid.toLowerCase(),
      email: guest ? null : (text(verified.email) ?? text(verified.preferred_username)),
      name: text(verified.name),
    },
  };
}
