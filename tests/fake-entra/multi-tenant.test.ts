// An IT provider's multi-tenant app against the fake, through the real MSAL: unknown to a customer tenant until its
// administrator consents on the v2.0 admin-consent page, then one secret or certificate works in every consenting tenant.
import { ConfidentialClientApplication } from "@azure/msal-node";
import { beforeAll, describe, expect, it } from "vitest";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { answerConsentPage, openConsentPage } from "./consent-browser";
import { customerTenants, type CustomerTenant } from "./customer-tenants";
import { PROVIDER } from "./default-tenants";

const fake = useFakeTenant({ users: 40, devices: 10, seed: "multi-tenant" });
const APP = PROVIDER.multiTenantApp;
const REDIRECT_URI = PROVIDER.redirectUris[0];
const STATE = "8Zq/ä b+c&d=e%20";

let customers: CustomerTenant[] = [];
beforeAll(() => {
  customers = fake().control.addTenants({ count: 8, users: 30, devices: 5, seed: "multi-tenant-checks" });
});

type Credential = "secret" | "certificate";

function multiTenantClient(tenantId: string, credential: Credential = "secret") {
  const { thumbprintSha256, keyPem } = fake().multiTenantAppCertificate;
  return new ConfidentialClientApplication({
    auth: {
      clientId: APP.clientId,
      authority: `${fake().url}/${tenantId}`,
      knownAuthorities: [new URL(fake().url).host],
      ...(credential === "secret"
        ? { clientSecret: APP.secret }
        : { clientCertificate: { thumbprintSha256, privateKey: keyPem } }),
    },
  });
}

async function providerToken(tenantId: string, credential: Credential = "secret") {
  const result = await multiTenantClient(tenantId, credential).acquireTokenByClientCredential({
    scopes: [`${fake().url}/.default`],
  });
  return result!.accessToken;
}

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));

function consentLink(tenant: string, overrides: Record<string, string> = {}) {
  const query = new URLSearchParams({
    client_id: APP.clientId,
    scope: `${fake().url}/.default`,
    redirect_uri: REDIRECT_URI,
    state: STATE,
    ...overrides,
  });
  return `${fake().url}/${tenant}/v2.0/adminconsent?${query}`;
}

const parametersOf = (location: string | null) => Object.fromEntries(new URL(location!).searchParams);

describe("a multi-tenant app in a customer tenant", () => {
  it("is unknown before the administrator consents: AADSTS700016, unauthorized_client", async () => {
    const customer = customers[0];
    await expect(providerToken(customer.tenantId)).rejects.toMatchObject({
      errorCode: "unauthorized_client",
      errorNo: 700016,
    });
    await expect(providerToken(customer.tenantId)).rejects.toThrow(
      `Application with identifier '${APP.clientId}' was not found in the directory '${customer.displayName}'`,
    );
  });

  it("Accept on the consent page sends the browser back with the tenant and the state, and tokens there carry the app's roles", async () => {
    const customer = customers[1];
    const page = await openConsentPage(consentLink(customer.tenantId));
    expect(page.status).toBe(200);
    expect(page.html).toContain(APP.displayName);
    expect(page.html).toContain("User.Read.All");
    const answer = await answerConsentPage(page, "accept");
    expect(answer.status).toBe(302);
    expect(answer.location!.startsWith(`${REDIRECT_URI}?admin_consent=True&`)).toBe(true);
    expect(parametersOf(answer.location)).toEqual({
      admin_consent: "True",
      tenant: customer.tenantId,
      scope: `${fake().url}/.default`,
      state: STATE,
    });

    const claims = claimsOf(await providerToken(customer.tenantId));
    expect(claims).toMatchObject({ tid: customer.tenantId, appid: APP.clientId });
    expect([...claims.roles].sort()).toEqual(["Device.Read.All", "GroupMember.Read.All", "User.Read.All"]);
    const users = await fetch(`${fake().url}/v1.0/users?$top=999`, {
      headers: { Authorization: `Bearer ${await providerToken(customer.tenantId)}` },
    });
    const { value } = (await users.json()) as { value: { userPrincipalName: string }[] };
    expect(value).toHaveLength(30);
    expect(
      value.every(
        (user) => user.userPrincipalName.endsWith(`@${customer.domain}`) || user.userPrincipalName.includes("#EXT#"),
      ),
    ).toBe(true);
  });

  it("one certificate on the home registration works in every tenant that consented, until a consent is revoked", async () => {
    const [first, second] = [customers[2], customers[3]];
    for (const customer of [first, second]) fake().control.grantAdminConsent({ tenantId: customer.tenantId });
    expect(claimsOf(await providerToken(first.tenantId, "certificate")).tid).toBe(first.tenantId);
    expect(claimsOf(await providerToken(second.tenantId, "certificate")).tid).toBe(second.tenantId);
    expect(fake().control.consentedTenantIds()).toEqual(
      expect.arrayContaining([PROVIDER.tenantId, first.tenantId, second.tenantId]),
    );

    fake().control.revokeAdminConsent({ tenantId: first.tenantId });
    await expect(providerToken(first.tenantId)).rejects.toMatchObject({ errorNo: 700016 });
    expect(claimsOf(await providerToken(second.tenantId)).tid).toBe(second.tenantId);
  });

  it("Cancel sends the browser back with access_denied and AADSTS65004, and grants nothing", async () => {
    const customer = customers[4];
    const answer = await answerConsentPage(await openConsentPage(consentLink(customer.domain)), "cancel");
    expect(answer.status).toBe(302);
    const parameters = parametersOf(answer.location);
    expect(parameters).toMatchObject({
      error: "access_denied",
      admin_consent: "True",
      tenant: customer.tenantId,
      state: STATE,
    });
    expect(parameters.error_description).toMatch(
      /^AADSTS65004: User declined to consent to access the app\.\r\nTrace ID: /,
    );
    await expect(providerToken(customer.tenantId)).rejects.toMatchObject({ errorNo: 700016 });
  });

  it("an unregistered redirect URI gets Microsoft's AADSTS50011 page and no redirect, even when the form is forged", async () => {
    const page = await openConsentPage(
      consentLink(customers[5].tenantId, { redirect_uri: "https://attacker.example/callback" }),
    );
    expect(page.status).toBe(400);
    expect(page.html).toContain("AADSTS50011");
    expect(page.action).toBeNull();
    const form = new URLSearchParams({
      client_id: APP.clientId,
      scope: `${fake().url}/.default`,
      redirect_uri: "https://attacker.example/callback",
      decision: "accept",
    });
    const forged = await fetch(`${fake().url}/${customers[5].tenantId}/v2.0/adminconsent`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    expect(forged.status).toBe(400);
    expect(forged.headers.get("location")).toBeNull();
    await expect(providerToken(customers[5].tenantId)).rejects.toMatchObject({ errorNo: 700016 });
  });

  it("an unknown client id gets the AADSTS700016 page, and a missing scope goes back to the app as invalid_request", async () => {
    const unknown = await openConsentPage(
      consentLink(customers[5].tenantId, { client_id: "11111111-2222-4333-8444-555555555555" }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain("AADSTS700016");
    const noScope = await fetch(consentLink(customers[5].tenantId, { scope: "" }), { redirect: "manual" });
    expect(noScope.status).toBe(302);
    expect(parametersOf(noScope.headers.get("location"))).toMatchObject({ error: "invalid_request", state: STATE });
  });

  it("with organizations the administrator picks the tenant they sign in to, and the redirect names it", async () => {
    const customer = customers[6];
    const page = await openConsentPage(consentLink("organizations"));
    expect(page.html).toContain('<label for="tenant">Sign in as administrator of</label>');
    expect(page.tenantChoices).toEqual(expect.arrayContaining([customer.tenantId, PROVIDER.tenantId]));
    const answer = await answerConsentPage(page, "accept", { tenant: customer.tenantId });
    expect(parametersOf(answer.location)).toMatchObject({
      admin_consent: "True",
      tenant: customer.tenantId,
      state: STATE,
    });
    expect(claimsOf(await providerToken(customer.tenantId)).tid).toBe(customer.tenantId);
    expect((await openConsentPage(consentLink("common"))).tenantChoices).toContain(customer.tenantId);
  });

  it("a browser test on another port registers its own redirect URI over the control API", async () => {
    const own = "http://localhost:3999/settings/organizations/consent";
    const registered = await fetch(`${fake().url}/_control/setRedirectUris`, {
      method: "POST",
      body: JSON.stringify({ redirectUris: [REDIRECT_URI, own] }),
    });
    expect((await registered.json()).result).toEqual([REDIRECT_URI, own]);
    try {
      const answer = await answerConsentPage(
        await openConsentPage(consentLink(customers[7].tenantId, { redirect_uri: own })),
        "accept",
      );
      expect(answer.location!.startsWith(`${own}?admin_consent=True&tenant=${customers[7].tenantId}`)).toBe(true);
    } finally {
      fake().control.setRedirectUris({ redirectUris: [...PROVIDER.redirectUris] });
    }
  });
});

describe("many tenants and their throttling", () => {
  async function ownAppToken(customer: CustomerTenant) {
    const body = new URLSearchParams({
      client_id: customer.app.clientId,
      client_secret: customer.app.secret,
      scope: `${fake().url}/.default`,
      grant_type: "client_credentials",
    });
    const response = await fetch(`${fake().url}/${customer.tenantId}/oauth2/v2.0/token`, { method: "POST", body });
    return ((await response.json()) as { access_token: string }).access_token;
  }
  async function statuses(customer: CustomerTenant, count: number) {
    const token = await ownAppToken(customer);
    const answers = [];
    for (let i = 0; i < count; i++)
      answers.push(
        (await fetch(`${fake().url}/v1.0/users?$top=1`, { headers: { Authorization: `Bearer ${token}` } })).status,
      );
    return answers;
  }

  it("a throttle on one tenant refuses that tenant's requests only", async () => {
    const [stormy, calm] = [customers[0], customers[1]];
    fake().control.setThrottle({ limit: 2, windowSeconds: 30, tenantId: stormy.domain });
    try {
      expect(await statuses(stormy, 5)).toEqual([200, 200, 429, 429, 429]);
      expect(await statuses(calm, 5)).toEqual([200, 200, 200, 200, 200]);
      expect(fake().control.throttleReport({ tenantId: stormy.tenantId })).toMatchObject({
        refused: 3,
        refusedByTenant: { [stormy.tenantId]: 3 },
      });
    } finally {
      fake().control.setThrottle(null);
    }
  });

  it("the throttle for every tenant counts each tenant and app apart, as Graph does", async () => {
    fake().control.setThrottle({ limit: 2, windowSeconds: 30 });
    try {
      expect(await statuses(customers[2], 3)).toEqual([200, 200, 429]);
      expect(await statuses(customers[3], 3)).toEqual([200, 200, 429]);
      expect(fake().control.throttleReport()).toMatchObject({ refused: 2, mostAdmittedInAWindow: 2 });
    } finally {
      fake().control.setThrottle(null);
    }
  });

  it("latency and failures can be kept to one tenant", async () => {
    fake().control.setLatency({ ms: 400, target: "graph", tenantId: customers[0].tenantId });
    fake().control.failNextRequests({ count: 1, status: 503, tenantId: customers[1].tenantId });
    try {
      const started = Date.now();
      expect(await statuses(customers[2], 2)).toEqual([200, 200]);
      expect(Date.now() - started).toBeLessThan(400);
      expect(await statuses(customers[1], 2)).toEqual([503, 200]);
    } finally {
      fake().control.clearFaults();
    }
  });

  it("200 tenants of 500 users are made at once, the same from the same seed, each with users and an app of its own", async () => {
    const started = Date.now();
    const tenants = fake().control.addTenants({ count: 200, users: 500, devices: 100, seed: "bench" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(tenants).toEqual(
      customerTenants({ count: 200, users: 500, devices: 100, seed: "bench" }).map(({ summary }) => summary),
    );
    expect(new Set(tenants.map((t) => t.tenantId)).size).toBe(200);
    expect(new Set(tenants.map((t) => t.app.clientId)).size).toBe(200);
    const firstUsers = tenants.map((t) => fake().control.userIdAt({ tenantId: t.tenantId, index: 0 }));
    expect(new Set(firstUsers).size).toBe(200);

    const last = tenants[199];
    const token = await ownAppToken(last);
    const page = (await (
      await fetch(`${fake().url}/v1.0/users?$top=999&$select=id,userPrincipalName`, {
        headers: { Authorization: `Bearer ${token}` },
      })
    ).json()) as { value: { id: string }[] };
    expect(page.value).toHaveLength(500);
    expect(page.value[0].id).toBe(fake().control.userIdAt({ tenantId: last.domain, index: 0 }));
    expect(() => fake().control.addTenants({ count: 1, seed: "bench" })).toThrow(/exists already/);
  });
});
