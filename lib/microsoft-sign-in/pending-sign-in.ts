import "server-only";
import { randomBytes } from "node:crypto";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import type { SignInPurpose } from "./types";

// What a started sign-in must remember until Microsoft sends the browser back: the state, the nonce and the PKCE
// code_verifier, and where it went. Kept in a short-lived httpOnly cookie, encrypted and bound to its purpose
// (lib/crypto/secret-box.ts): only the state ever appears in a URL.

/** Microsoft's authorization codes last ten minutes; a sign-in left longer is started again. */
export const PENDING_SIGN_IN_SECONDS = 10 * 60;

export type PendingSignIn = {
  purpose: SignInPurpose;
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The authority the code was asked of: a tenant id, or "organizations". */
  tenant: string;
  clientId: string;
  redirectUri: string;
  returnTo: string;
  startedAt: number;
};

export const randomToken = () => randomBytes(32).toString("base64url");

const sealPurpose = (purpose: SignInPurpose) => `microsoft-sign-in:${purpose}`;

export const pendingSignInCookieName = (purpose: SignInPurpose) => `vertask-microsoft-sign-in-${purpose}`;

export const sealPendingSignIn = (pending: PendingSignIn) =>
  encryptSecret(JSON.stringify(pending), sealPurpose(pending.purpose));

/** The pending sign-in in this sealed value, or null when it is missing, forged, another purpose's or too old. */
export function openPendingSignIn(
  purpose: SignInPurpose,
  sealed: string | null | undefined,
  now = Date.now(),
): PendingSignIn | null {
  if (!sealed) return null;
  let pending: PendingSignIn;
  try {
    pending = JSON.parse(decryptSecret(sealed, sealPurpose(purpose))) as PendingSignIn;
  } catch {
    return null;
  }
  if (pending.purpose !== purpose || now - pending.startedAt > PENDING_SIGN_IN_SECONDS * 1000) return null;
  return pending;
}

/** Only a path of this app: never another site (an open redirect) nor a scheme-relative "//host". */
export function safeReturnTo(returnTo: string, fallback: string) {
  return returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.startsWith("/\\") ? returnTo : fallback;
}
