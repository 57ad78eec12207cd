// Signing a user in at the fake tenant with the authorization code flow and PKCE, through plain HTTP as an
// OpenID Connect library does it: authorize (a user chosen in advance, or on the page) → code → token →
// an id token whose signature verifies with the key the tenant publishes at its jwks_uri.
import { createHash, createPublicKey, randomBytes, verify, type JsonWebKey } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { CONTOSO, PROVIDER } from "./default-tenants";
import type { FakeUser } from "./generated-objects";

const fake = useFakeTenant({ users: 30, devices: 5, seed: "sign-in" });
const APP = CONTOSO.goodApp;
const REDIRECT_URI = "http://localhost:3000/api/auth/callback/microsoft-entra-id";
const STATE = "s/ä b+c&d=e";

let user: FakeUser;
beforeAll(() => {
  fake().control.setRedirectUris({ clientId: APP.clientId, redirectUris: [REDIRECT_URI] });
  const tenant = fake().tenant();
  const users = Array.from({ length: tenant.users.end }, (_, i) => tenant.users.at(i).value);
  user = users.find((u) => u.accountEnabled && u.mail && u.userType === "Member")!;
});

afterEach(() => {
  vi.useRealTimers();
});

const pkce = () => {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
};

function authorizeUrl(tenant: string, overrides: Record<string, string> = {}, challenge = pkce().challenge) {
  const query = new URLSearchParams({
    client_id: APP.clientId,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: "openid profile email",
    response_mode: "query",
    state: STATE,
    nonce: "n-0S6_WzA2Mj",
    code_challenge: challenge,
    code_challenge_method: "S256",
    ...overrides,
  });
  return `${fake().url}/${tenant}/oauth2/v2.0/authorize?${query}`;
}

const noFollow = (url: string, init: RequestInit = {}) => fetch(url, { ...init, redirect: "manual" });
const answerOf = (response: Response) => Object.fromEntries(new URL(response.headers.get("location")!).searchParams);

/** Authorize with the user chosen in advance: the code the redirect carries. */
async function codeFor(who: { id: string }, verifierChallenge: string, tenant: string = CONTOSO.tenantId) {
  fake().control.signInAs({ tenantId: CONTOSO.tenantId, userId: who.id });
  const response = await noFollow(authorizeUrl(tenant, {}, verifierChallenge));
  expect(response.status).toBe(302);
  return answerOf(response).code;
}

async function redeem(code: string, verifier: string, extra: Record<string, string> = {}) {
  const response = await fetch(`${fake().url}/${CONTOSO.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: APP.clientId,
      client_secret: APP.secret,
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
      ...extra,
    }),
  });
  return { status: response.status, body: await response.json() };
}

const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8"));

/** The id token's claims once its signature verifies with the key its `kid` names at the tenant's jwks_uri. */
async function verifiedClaims(idToken: string, tenant = CONTOSO.tenantId) {
  const metadata = await (await fetch(`${fake().url}/${tenant}/v2.0/.well-known/openid-configuration`)).json();
  const { keys } = (await (await fetch(metadata.jwks_uri)).json()) as { keys: (JsonWebKey & { kid: string })[] };
  const [header, payload, signature] = idToken.split(".");
  const { alg, kid } = decode(header);
  expect(alg).toBe("RS256");
  const jwk = keys.find((key) => key.kid === kid);
  expect(jwk, `kid ${kid} published`).toBeDefined();
  const key = createPublicKey({ key: jwk!, format: "jwk" });
  expect(verify("sha256", Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, "base64url"))).toBe(true);
  return { claims: decode(payload), kid: kid as string, metadata };
}

describe("the fake tenant's OpenID metadata", () => {
  it("names the authorize, token and keys endpoints of the tenant, its issuer, S256 and RS256", async () => {
    const metadata = await (
      await fetch(`${fake().url}/${CONTOSO.domain}/v2.0/.well-known/openid-configuration`)
    ).json();
    const base = `${fake().url}/${CONTOSO.tenantId}`;
    expect(metadata).toMatchObject({
      issuer: `${base}/v2.0`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      token_endpoint: `${base}/oauth2/v2.0/token`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      response_types_supported: ["code"],
      id_token_signing_alg_values_supported: ["RS256"],
    });
    expect(metadata.code_challenge_methods_supported).toContain("S256");
  });

  it("publishes the {tenantid} issuer template for organizations and common", async () => {
    for (const authority of ["organizations", "common"]) {
      const metadata = await (await fetch(`${fake().url}/${authority}/v2.0/.well-known/openid-configuration`)).json();
      expect(metadata.issuer).toBe(`${fake().url}/{tenantid}/v2.0`);
      expect(metadata.authorization_endpoint).toBe(`${fake().url}/${authority}/oauth2/v2.0/authorize`);
    }
  });
});

describe("signing in with the authorization code flow and PKCE", () => {
  it("gives a code for the user chosen in advance, and an id token signed with the tenant's published key", async () => {
    const { verifier, challenge } = pkce();
    fake().control.signInAs({ tenantId: CONTOSO.tenantId, userId: user.id });
    const authorized = await noFollow(authorizeUrl(CONTOSO.tenantId, {}, challenge));
    expect(authorized.status).toBe(302);
    const answer = answerOf(authorized);
    expect(answer.state).toBe(STATE);
    expect(authorized.headers.get("location")!.startsWith(`${REDIRECT_URI}?`)).toBe(true);

    const { status, body } = await redeem(answer.code, verifier);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: "Bearer", scope: "openid profile email" });
    expect(body.access_token).toEqual(expect.any(String));
    const { claims } = await verifiedClaims(body.id_token);
    const now = Date.now() / 1000;
    expect(claims).toMatchObject({
      iss: `${fake().url}/${CONTOSO.tenantId}/v2.0`,
      aud: APP.clientId,
      tid: CONTOSO.tenantId,
      oid: user.id,
      preferred_username: user.userPrincipalName,
      name: user.displayName,
      email: user.mail,
      nonce: "n-0S6_WzA2Mj",
      ver: "2.0",
    });
    expect(claims.sub).toEqual(expect.any(String));
    expect(claims.sub).not.toBe(user.id);
    expect(claims.iat).toBeLessThanOrEqual(now + 1);
    expect(claims.nbf).toBeLessThanOrEqual(now + 1);
    expect(claims.exp).toBeGreaterThan(now + 3000);
  });

  it("refuses a wrong code_verifier: invalid_grant, AADSTS501481", async () => {
    const code = await codeFor(user, pkce().challenge);
    const { status, body } = await redeem(code, pkce().verifier);
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_grant");
    expect(body.error_codes).toEqual([501481]);
  });

  it("takes a code once: the second use is invalid_grant, AADSTS54005", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(user, challenge);
    expect((await redeem(code, verifier)).status).toBe(200);
    const again = await redeem(code, verifier);
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: "invalid_grant", error_codes: [54005] });
  });

  it("lets a code expire after ten minutes: invalid_grant, AADSTS70008", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(user, challenge);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 10 * 60_000 + 1000);
    const { status, body } = await redeem(code, verifier);
    expect(status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_grant", error_codes: [70008] });
  });

  it("checks the app's secret as the client-credentials grant does: AADSTS7000215", async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor(user, challenge);
    const { status, body } = await redeem(code, verifier, { client_secret: "not-the-secret" });
    expect(status).toBe(401);
    expect(body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    expect((await redeem(code, verifier)).status).toBe(200);
  });
});

describe("refusals", () => {
  it("shows an AADSTS50011 page for a redirect URI the app has not registered, and redirects nowhere", async () => {
    fake().control.signInAs({ tenantId: CONTOSO.tenantId, userId: user.id });
    const response = await noFollow(authorizeUrl(CONTOSO.tenantId, { redirect_uri: "https://attacker.example/cb" }));
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("AADSTS50011");
    fake().control.clearSignInAs();
  });

  it("shows an AADSTS700016 page for a client id the tenant does not know", async () => {
    const response = await noFollow(
      authorizeUrl(CONTOSO.tenantId, { client_id: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect(await response.text()).toContain("AADSTS700016");
  });

  it("sends a disabled account back to the app as AADSTS50057, with the state", async () => {
    const tenant = fake().tenant();
    const disabled = tenant.addUser({ accountEnabled: false, displayName: "Dora Disabled" });
    // Chosen over HTTP, as a browser test does.
    const chosen = await fetch(`${fake().url}/_control/signInAs`, {
      method: "POST",
      body: JSON.stringify({ tenantId: CONTOSO.domain, userId: disabled.id }),
    });
    expect(chosen.status).toBe(200);
    const response = await noFollow(authorizeUrl(CONTOSO.tenantId));
    expect(response.status).toBe(302);
    const answer = answerOf(response);
    expect(answer.code).toBeUndefined();
    expect(answer.state).toBe(STATE);
    expect(answer.error).toBe("access_denied");
    expect(answer.error_description).toMatch(/^AADSTS50057: The user account is disabled\./);
  });
});

describe("the sign-in page", () => {
  it("lists the tenant's users to choose from; choosing one redirects with a code", async () => {
    const { verifier, challenge } = pkce();
    const url = authorizeUrl(CONTOSO.tenantId, { login_hint: user.userPrincipalName }, challenge);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Pick an account");
    expect(html).toContain(`value="${CONTOSO.tenantId}:${user.id}"`);
    const form = new URLSearchParams(new URL(url).searchParams);
    form.set("user", `${CONTOSO.tenantId}:${user.id}`);
    const chosen = await noFollow(url.split("?")[0], { method: "POST", body: form });
    expect(chosen.status).toBe(302);
    expect((await redeem(answerOf(chosen).code, verifier)).status).toBe(200);
  });

  it("groups the users of every tenant at organizations, for a multi-tenant app", async () => {
    fake().control.setRedirectUris({ redirectUris: [REDIRECT_URI] });
    const page = await fetch(authorizeUrl("organizations", { client_id: PROVIDER.multiTenantApp.clientId }));
    const html = await page.text();
    for (const tenant of fake().control.tenants()) expect(html).toContain(`<h2>${tenant.displayName}`);
  });
});

describe("signing key rotation", () => {
  it("signs with a new kid after a rotation and keeps the old key published", async () => {
    const first = pkce();
    const before = await verifiedClaims(
      (await redeem(await codeFor(user, first.challenge), first.verifier)).body.id_token,
    );
    const rotated = fake().control.rotateSigningKey({ tenantId: CONTOSO.tenantId });
    expect(rotated.kid).not.toBe(before.kid);
    const second = pkce();
    const after = await verifiedClaims(
      (await redeem(await codeFor(user, second.challenge), second.verifier)).body.id_token,
    );
    expect(after.kid).toBe(rotated.kid);
    const { keys } = await (await fetch(before.metadata.jwks_uri)).json();
    expect(keys.map((key: { kid: string }) => key.kid)).toEqual(expect.arrayContaining([before.kid, after.kid]));
  });
});
