// "Sign in with Microsoft" (OpenID Connect, authorization code flow with PKCE), shared by staff and the portal.
//
//   startMicrosoftSignIn({ app, tenant, purpose, returnTo }): Promise<string>
//     The authorize URL to redirect the browser to. The state, nonce and PKCE code_verifier (and tenant, client
//     id, redirect URI, returnTo) are sealed in a ten-minute httpOnly cookie per purpose, encrypted with
//     VERTASK_ENCRYPTION_KEY; only the state goes in the URL. Call from a route handler or server action.
//       app: SignInApp = { clientId, credential (lib/credentials' decryptCredential: secret or certificate), redirectUri }
//       tenant: a tenant id, or "organizations" (a multi-tenant app's sign-in)
//       purpose: "staff" | "portal";  returnTo: a path of this app (anything else becomes "/")
//   finishMicrosoftSignIn(purpose, callbackParams, app): Promise<MicrosoftSignInResult>
//     On the redirect URI: takes (and ends) the cookie, checks state, Entra's error, redeems the code with the
//     verifier and the app's secret or certificate, then has openid-client verify the id token: signature
//     against the keys of the token's own tenant (cached; read again on an unknown kid), issuer
//     `{AZURE_AUTHORITY_HOST}/{tid}/v2.0`, audience, expiry, nonce.
//       → { ok: true, identity: { tenantId (tid), objectId (oid), email (null for a guest), name }, returnTo }
//       → { ok: false, refusal: { reason, aadsts, detail } }, reason one of RefusalReason (types.ts); `detail`
//         is for the audit log, never for the person, who gets a plain refusal.
// The caller decides who the identity is (by tid + oid) and starts the next-auth session (lib/session).
// beginMicrosoftSignIn / completeMicrosoftSignIn are the same steps with the sealed value passed in (tests).
export { finishMicrosoftSignIn } from "./finish";
export { startMicrosoftSignIn } from "./start";
export type { MicrosoftIdentity, MicrosoftSignInRefusal, RefusalReason, SignInApp, SignInPurpose } from "./types";
