import "server-only";
import { cookies } from "next/headers";
import { errors } from "openid-client";
import { tokenRequestCredential } from "@/lib/azure";
import { discoverAuthority } from "./authorities";
import { openPendingSignIn, pendingSignInCookieName } from "./pending-sign-in";
import { aadstsNumberOf, type MicrosoftSignInResult, type SignInApp, type SignInPurpose } from "./types";
import { verifyIdToken } from "./verify-id-token";

/** What Microsoft sent the browser back with (response_mode=query): a code and the state, or an error. */
type CallbackParams = Record<string, string | undefined>;

const refusal = (
  reason: Extract<MicrosoftSignInResult, { ok: false }>["refusal"]["reason"],
  detail: string,
  aadsts: number | null = null,
): MicrosoftSignInResult => ({ ok: false, refusal: { reason, detail, aadsts } });

/** Redeems the code at the authority it was asked of, proving the app with its secret or certificate. */
async function redeemCode(app: SignInApp, tenant: string, code: string, codeVerifier: string) {
  const authority = await discoverAuthority(tenant);
  const tokenEndpoint = authority.metadata.token_endpoint!;
  const client = new authority.Client({ client_id: app.clientId, token_endpoint_auth_method: "none" });
  // grant() only redeems: the id token is verified after, against the issuer of its own tenant (verify-id-token).
  return client.grant({
    grant_type: "authorization_code",
    code,
    redirect_uri: app.redirectUri,
    code_verifier: codeVerifier,
    ...tokenRequestCredential(app.credential, app.clientId, tokenEndpoint),
  });
}

/**
 * Checks Microsoft's answer against the pending sign-in this browser sealed (state, then Entra's error, then the
 * code redeemed with the PKCE verifier, then the id token: signature, issuer, audience, expiry, nonce).
 */
export async function completeMicrosoftSignIn(input: {
  purpose: SignInPurpose;
  app: SignInApp;
  params: CallbackParams;
  sealed: string | null | undefined;
}): Promise<MicrosoftSignInResult> {
  const { purpose, app, params } = input;
  const pending = openPendingSignIn(purpose, input.sealed);
  if (!pending || pending.clientId.toLowerCase() !== app.clientId.toLowerCase())
    return refusal("no-pending-sign-in", "No sign-in with Microsoft was started in this browser in the last minutes.");
  if (!params.state || params.state !== pending.state)
    return refusal(
      "state-mismatch",
      "Microsoft's answer does not carry the state this browser's sign-in was sent with.",
    );
  if (params.error) {
    const aadsts = aadstsNumberOf(params.error_description);
    return refusal(
      "entra-error",
      `Microsoft refused the sign-in: ${params.error}${aadsts ? ` (AADSTS${aadsts})` : ""}.`,
      aadsts,
    );
  }
  if (!params.code) return refusal("entra-error", "Microsoft's answer carries no code.");
  let idToken: string | undefined;
  try {
    const tokens = await redeemCode(
      { ...app, redirectUri: pending.redirectUri },
      pending.tenant,
      params.code,
      pending.codeVerifier,
    );
    idToken = tokens.id_token;
  } catch (error) {
    const aadsts = error instanceof errors.OPError ? aadstsNumberOf(error.error_description) : null;
    const what = error instanceof errors.OPError ? error.error : "no answer";
    return refusal(
      "token-request-failed",
      `The sign-in code could not be redeemed: ${what}${aadsts ? ` (AADSTS${aadsts})` : ""}.`,
      aadsts,
    );
  }
  if (!idToken) return refusal("invalid-token", "Microsoft's token answer carries no id token.");
  const verified = await verifyIdToken(idToken, { clientId: app.clientId, nonce: pending.nonce });
  return verified.ok ? { ...verified, returnTo: pending.returnTo } : verified;
}

/** For the redirect URI's route handler: the pending sign-in is taken from its cookie (and the cookie ended). */
export async function finishMicrosoftSignIn(
  purpose: SignInPurpose,
  params: CallbackParams,
  app: SignInApp,
): Promise<MicrosoftSignInResult> {
  const jar = await cookies();
  const sealed = jar.get(pendingSignInCookieName(purpose))?.value;
  jar.delete(pendingSignInCookieName(purpose));
  return completeMicrosoftSignIn({ purpose, app, params, sealed });
}
