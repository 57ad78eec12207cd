import type { EntraConnectionSettings } from "@/lib/azure";

/** Who is signing in: staff to the app, or clients to the portal. Each has its own pending sign-in cookie. */
export type SignInPurpose = "staff" | "portal";

/** The app registration a sign-in goes through: its client id, its secret or certificate, and its redirect URI. */
export type SignInApp = {
  clientId: string;
  credential: EntraConnectionSettings["credential"];
  redirectUri: string;
};

/**
 * A person Microsoft vouched for: `tenantId` + `objectId` (tid + oid) identify them; email and name may change.
 * `email` is the token's email (else preferred_username), and null for a guest of the tenant, whose address
 * another directory vouched for.
 */
export type MicrosoftIdentity = { tenantId: string; objectId: string; email: string | null; name: string | null };

export type RefusalReason =
  | "no-pending-sign-in" // no (or an expired, or another app's) sign-in was started in this browser
  | "state-mismatch"
  | "entra-error" // Entra refused the person or the request (error=… with an AADSTS number)
  | "token-request-failed" // the code could not be redeemed (an AADSTS number when Entra answered)
  | "nonce-mismatch"
  | "bad-signature" // not signed by a key the tenant publishes
  | "wrong-issuer"
  | "wrong-audience"
  | "expired" // outside its validity (exp, nbf)
  | "invalid-token"; // anything else openid-client refused

/** Why a sign-in was refused, in words for the audit log (never shown to the person: they see a plain refusal). */
export type MicrosoftSignInRefusal = { reason: RefusalReason; aadsts: number | null; detail: string };

export type MicrosoftSignInResult =
  { ok: true; identity: MicrosoftIdentity; returnTo: string } | { ok: false; refusal: MicrosoftSignInRefusal };

/** The AADSTS number in an Entra error description ("AADSTS50057: The user account is disabled."). */
export function aadstsNumberOf(description: string | null | undefined): number | null {
  const match = /AADSTS(\d+)/.exec(description ?? "");
  return match ? Number(match[1]) : null;
}
