// The fake's sign-in through Microsoft's own library: MSAL builds the authorize URL (with PKCE) and redeems the
// code, as a web app using @azure/msal-node would; and the client_secret_basic way OpenID Connect libraries use.
import { ConfidentialClientApplication, CryptoProvider } from "@azure/msal-node";
import { beforeAll, expect, it } from "vitest";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { CONTOSO } from "./default-tenants";

const fake = useFakeTenant({ users: 20, devices: 2, seed: "sign-in-msal" });
const APP = CONTOSO.goodApp;
const REDIRECT_URI = "http://localhost:3000/auth/callback";

beforeAll(() => {
  fake().control.setRedirectUris({ clientId: APP.clientId, redirectUris: [REDIRECT_URI] });
});

async function codeFromAuthorize(url: string, userIndex: number) {
  fake().control.signInAs({ userId: fake().tenant().userIdAt(userIndex) });
  const response = await fetch(url, { redirect: "manual" });
  expect(response.status).toBe(302);
  return new URL(response.headers.get("location")!).searchParams.get("code")!;
}

it("signs a user in through MSAL: the account carries the user's object id and tenant", async () => {
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: APP.clientId,
      clientSecret: APP.secret,
      authority: `${fake().url}/${CONTOSO.tenantId}`,
      knownAuthorities: [new URL(fake().url).host],
    },
  });
  const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
  const scopes = ["openid", "profile", "email"];
  const url = await msal.getAuthCodeUrl({
    scopes,
    redirectUri: REDIRECT_URI,
    codeChallenge: challenge,
    codeChallengeMethod: "S256",
    state: "msal-state",
    nonce: "msal-nonce",
  });
  const code = await codeFromAuthorize(url, 2);
  // MSAL checks the id token's nonce against the request's, and the returned state against the request's.
  const result = await msal.acquireTokenByCode(
    { code, scopes, redirectUri: REDIRECT_URI, codeVerifier: verifier, nonce: "msal-nonce", state: "msal-state" },
    { code, state: new URL(url).searchParams.get("state")! },
  );
  const user = fake().tenant().users.find(fake().tenant().userIdAt(2))!.value;
  expect(result.account?.localAccountId).toBe(user.id);
  expect(result.account?.tenantId).toBe(CONTOSO.tenantId);
  expect(result.account?.username).toBe(user.userPrincipalName);
  expect(result.idTokenClaims).toMatchObject({ oid: user.id, tid: CONTOSO.tenantId, nonce: "msal-nonce" });
});

it("takes the client secret in an Authorization: Basic header, as OpenID Connect libraries send it", async () => {
  const query = new URLSearchParams({
    client_id: APP.clientId,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid",
  });
  const code = await codeFromAuthorize(`${fake().url}/${CONTOSO.tenantId}/oauth2/v2.0/authorize?${query}`, 3);
  const basic = Buffer.from(`${encodeURIComponent(APP.clientId)}:${encodeURIComponent(APP.secret)}`).toString("base64");
  const response = await fetch(`${fake().url}/${CONTOSO.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI }),
  });
  expect(response.status).toBe(200);
  expect((await response.json()).id_token).toEqual(expect.any(String));
});
