import "server-only";
import { createHash } from "node:crypto";
import { cookies } from "next/headers";
import { discoverAuthority } from "./authorities";
import {
  PENDING_SIGN_IN_SECONDS,
  pendingSignInCookieName,
  randomToken,
  safeReturnTo,
  sealPendingSignIn,
  type PendingSignIn,
} from "./pending-sign-in";
import type { SignInApp, SignInPurpose } from "./types";

export type StartInput = { app: SignInApp; tenant: string; purpose: SignInPurpose; returnTo: string };

/**
 * The authorize URL of an authorization code request with PKCE (S256), a state and a nonce, and the pending
 * sign-in that remembers them, sealed. `startMicrosoftSignIn` keeps the sealed value in a cookie; tests keep it.
 */
export async function beginMicrosoftSignIn({ app, tenant, purpose, returnTo }: StartInput, now = Date.now()) {
  const authority = await discoverAuthority(tenant);
  const pending: PendingSignIn = {
    purpose,
    state: randomToken(),
    nonce: randomToken(),
    codeVerifier: randomToken(),
    tenant,
    clientId: app.clientId,
    redirectUri: app.redirectUri,
    returnTo: safeReturnTo(returnTo, "/"),
    startedAt: now,
  };
  const query = new URLSearchParams({
    client_id: app.clientId,
    response_type: "code",
    redirect_uri: app.redirectUri,
    response_mode: "query",
    scope: "openid profile email",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: createHash("sha256").update(pending.codeVerifier).digest("base64url"),
    code_challenge_method: "S256",
  });
  const url = `${authority.metadata.authorization_endpoint}?${query}`;
  return { url, sealed: sealPendingSignIn(pending) };
}

/** The cookie a pending sign-in lives in: httpOnly, only for this site, and gone when the code would be. */
const pendingSignInCookieOptions = (redirectUri: string) => ({
  httpOnly: true,
  sameSite: "lax" as const, // Microsoft sends the browser back with a top-level GET: the cookie goes with it
  secure: redirectUri.startsWith("https://"),
  path: "/",
  maxAge: PENDING_SIGN_IN_SECONDS,
});

/** For a route handler or server action: the URL to send the browser to, the pending sign-in kept in its cookie. */
export async function startMicrosoftSignIn(input: StartInput): Promise<string> {
  const { url, sealed } = await beginMicrosoftSignIn(input);
  (await cookies()).set(
    pendingSignInCookieName(input.purpose),
    sealed,
    pendingSignInCookieOptions(input.app.redirectUri),
  );
  return url;
}
