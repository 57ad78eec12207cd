// The OpenID Connect core against the fake tenant: the code flow with PKCE, state and nonce, and the id token
// checked by openid-client against the keys of the token's own tenant.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { CONTOSO, FABRIKAM, PROVIDER } from "@/tests/fake-entra/default-tenants";
import type { FakeUser } from "@/tests/fake-entra/generated-objects";
import { openPendingSignIn } from "@/lib/microsoft-sign-in/pending-sign-in";
import { verifyIdToken } from "@/lib/microsoft-sign-in/verify-id-token";
import type { SignInApp } from "@/lib/microsoft-sign-in";
import { authorizeAs, signInWithMicrosoft } from "./fake-sign-in";

const fake = useFakeTenant({ users: 12, devices: 1, seed: "microsoft-sign-in-core" });
const REDIRECT_URI = "http://localhost:3000/signin/microsoft/callback";
const secretApp: SignInApp = {
  clientId: CONTOSO.goodApp.clientId,
  credential: { kind: "secret", secret: CONTOSO.goodApp.secret },
  redirectUri: REDIRECT_URI,
};
const previousHost = process.env.AZURE_AUTHORITY_HOST;
let user: FakeUser;

const usersOf = (tenantId: string) => {
  const tenant = fake().tenant(tenantId);
  return Array.from({ length: tenant.users.end }, (_, i) => tenant.users.at(i).value).filter(
    (u) => u.accountEnabled && u.externalUserState === null,
  );
};

beforeAll(() => {
  process.env.AZURE_AUTHORITY_HOST = fake().url;
  for (const clientId of [CONTOSO.goodApp.clientId, PROVIDER.multiTenantApp.clientId]) {
    fake().control.setRedirectUris({ clientId, redirectUris: [REDIRECT_URI] });
  }
  user = usersOf(CONTOSO.tenantId).find((u) => u.mail)!;
});
afterEach(() => {
  vi.useRealTimers();
  process.env.AZURE_AUTHORITY_HOST = fake().url;
});
afterAll(() => {
  process.env.AZURE_AUTHORITY_HOST = previousHost;
});

const contosoUser = () => ({ tenantId: CONTOSO.tenantId, userId: user.id });
const atContoso = { app: secretApp, tenant: CONTOSO.tenantId };

/** A genuine id token for the user, redeemed by hand, and the nonce it was asked with. */
async function idTokenOf(who = contosoUser()) {
  const { answer, sealed } = await authorizeAs(fake(), who, atContoso);
  const pending = openPendingSignIn("staff", sealed)!;
  const response = await fetch(`${fake().url}/${CONTOSO.tenantId}/oauth2/v2.0/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: secretApp.clientId,
      client_secret: CONTOSO.goodApp.secret,
      code: answer.code,
      redirect_uri: REDIRECT_URI,
      code_verifier: pending.codeVerifier,
    }),
  });
  return { idToken: (await response.json()).id_token as string, nonce: pending.nonce };
}

describe("signing in", () => {
  it("gives the person's tenant, object id, mail and name, and where to go next", async () => {
    const result = await signInWithMicrosoft(fake(), contosoUser(), atContoso);
    expect(result).toEqual({
      ok: true,
      identity: { tenantId: CONTOSO.tenantId, objectId: user.id, email: user.mail, name: user.displayName },
      returnTo: "/clients",
    });
  });

  it("redeems the code with the app's certificate instead of a secret", async () => {
    const { keyPem, thumbprintSha256 } = fake().appCertificate;
    const app: SignInApp = {
      ...secretApp,
      credential: { kind: "certificate", privateKeyPem: keyPem, thumbprintSha256 },
    };
    const result = await signInWithMicrosoft(fake(), contosoUser(), { app, tenant: CONTOSO.tenantId });
    expect(result).toMatchObject({ ok: true, identity: { objectId: user.id } });
  });

  it("signs in a user of any tenant through a multi-tenant app at organizations, with their own tenant's issuer", async () => {
    const fabrikamUser = usersOf(FABRIKAM.tenantId)[0];
    const app: SignInApp = {
      clientId: PROVIDER.multiTenantApp.clientId,
      credential: { kind: "secret", secret: PROVIDER.multiTenantApp.secret },
      redirectUri: REDIRECT_URI,
    };
    const result = await signInWithMicrosoft(
      fake(),
      { tenantId: FABRIKAM.tenantId, userId: fabrikamUser.id },
      { app, tenant: "organizations", purpose: "portal" },
    );
    expect(result).toMatchObject({ ok: true, identity: { tenantId: FABRIKAM.tenantId, objectId: fabrikamUser.id } });
  });

  it("passes on no email for a guest of the tenant, whose address another directory vouched for", async () => {
    const guest = fake().control.addUser({
      tenantId: CONTOSO.tenantId,
      displayName: "Gus Guest",
      userType: "Guest",
      mail: "gus@partner.example",
      userPrincipalName: `gus_partner.example#EXT#@${CONTOSO.domain}`,
      externalUserState: "Accepted",
      accountEnabled: true,
    });
    const result = await signInWithMicrosoft(fake(), { tenantId: CONTOSO.tenantId, userId: guest.id }, atContoso);
    expect(result).toMatchObject({ ok: true, identity: { objectId: guest.id, email: null, name: "Gus Guest" } });
  });

  it("still verifies after the tenant rotates its signing key (a new kid)", async () => {
    expect((await signInWithMicrosoft(fake(), contosoUser(), atContoso)).ok).toBe(true);
    fake().control.rotateSigningKey({ tenantId: CONTOSO.tenantId });
    expect(await signInWithMicrosoft(fake(), contosoUser(), atContoso)).toMatchObject({ ok: true });
  });
});

describe("refusals", () => {
  const reasonOf = (result: Awaited<ReturnType<typeof signInWithMicrosoft>>) =>
    result.ok ? "signed in" : result.refusal.reason;

  it("refuses an answer whose state is not the one this browser's sign-in sent", async () => {
    const result = await signInWithMicrosoft(fake(), contosoUser(), {
      ...atContoso,
      alterAnswer: (answer) => (answer.state = "forged"),
    });
    expect(reasonOf(result)).toBe("state-mismatch");
  });

  it("refuses an answer when no sign-in of that purpose was started in the browser", async () => {
    const { answer, sealed } = await authorizeAs(fake(), contosoUser(), { ...atContoso, purpose: "portal" });
    const { completeMicrosoftSignIn } = await import("@/lib/microsoft-sign-in/finish");
    const result = await completeMicrosoftSignIn({ purpose: "staff", app: secretApp, params: answer, sealed });
    expect(reasonOf(result)).toBe("no-pending-sign-in");
  });

  it("refuses an id token whose nonce is not the one the sign-in was started with", async () => {
    const result = await signInWithMicrosoft(fake(), contosoUser(), {
      ...atContoso,
      alterUrl: (url) => url.searchParams.set("nonce", "replayed-nonce"),
    });
    expect(reasonOf(result)).toBe("nonce-mismatch");
  });

  it("passes on Entra's refusal of a disabled account, AADSTS50057", async () => {
    const disabled = usersOf(CONTOSO.tenantId).at(-1)!;
    fake().control.disableUser({ id: disabled.id });
    const result = await signInWithMicrosoft(fake(), { tenantId: CONTOSO.tenantId, userId: disabled.id }, atContoso);
    expect(result).toMatchObject({ ok: false, refusal: { reason: "entra-error", aadsts: 50057 } });
    fake().control.enableUser({ id: disabled.id });
  });

  it("refuses an id token whose signature is not the tenant's", async () => {
    const { idToken, nonce } = await idTokenOf();
    const [header, payload, signature] = idToken.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, oid: usersOf(CONTOSO.tenantId)[1].id })).toString(
      "base64url",
    );
    const result = await verifyIdToken(`${header}.${forged}.${signature}`, { clientId: secretApp.clientId, nonce });
    expect(result).toMatchObject({ ok: false, refusal: { reason: "bad-signature" } });
  });

  it("refuses an id token issued by another authority host than AZURE_AUTHORITY_HOST's", async () => {
    const { idToken, nonce } = await idTokenOf();
    // The same fake under another name: its keys verify the token, whose issuer names the other host.
    process.env.AZURE_AUTHORITY_HOST = fake().url.replace("localhost", "127.0.0.1");
    const result = await verifyIdToken(idToken, { clientId: secretApp.clientId, nonce });
    expect(result).toMatchObject({ ok: false, refusal: { reason: "wrong-issuer" } });
  });

  it("refuses an id token made for another app", async () => {
    const { idToken, nonce } = await idTokenOf();
    const result = await verifyIdToken(idToken, { clientId: CONTOSO.appWithoutDevices.clientId, nonce });
    expect(result).toMatchObject({ ok: false, refusal: { reason: "wrong-audience" } });
  });

  it("refuses an expired id token", async () => {
    const { idToken, nonce } = await idTokenOf();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 2 * 3600_000);
    const result = await verifyIdToken(idToken, { clientId: secretApp.clientId, nonce });
    expect(result).toMatchObject({ ok: false, refusal: { reason: "expired" } });
  });
});
