// The fake tenant answers as Microsoft documents (../shared/guide/platform-facts.md), checked over plain HTTPS.
import { describe, expect, it } from "vitest";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { CONTOSO } from "./default-tenants";
import { graphGet, requestToken } from "./plain-requests";
import { startFakeEntra } from "./server";

const fake = useFakeTenant({ users: 2_000, devices: 300, seed: "fake-checks" });

const token = (clientId: string = CONTOSO.goodApp.clientId, secret: string = CONTOSO.goodApp.secret) =>
  requestToken(fake(), { clientId, secret });
const graph = (path: string, clientId?: string, secret?: string) =>
  graphGet(fake(), path, clientId && secret ? { app: { clientId, secret } } : {});

describe("the fake tenant", () => {
  it("publishes OpenID metadata whose issuer is {host}/{tenant}/v2.0", async () => {
    const metadata = await (
      await fetch(`${fake().url}/${CONTOSO.domain}/v2.0/.well-known/openid-configuration`)
    ).json();
    expect(metadata.issuer).toBe(`${fake().url}/${CONTOSO.tenantId}/v2.0`);
    expect(metadata.token_endpoint).toBe(`${fake().url}/${CONTOSO.tenantId}/oauth2/v2.0/token`);
  });

  it("answers a wrong secret in Microsoft's AADSTS error shape", async () => {
    const response = await token(CONTOSO.goodApp.clientId, "wrong");
    const body = await response.json();
    expect(response.status).toBe(401);
    expect(body).toMatchObject({ error: "invalid_client", error_codes: [7000215] });
    expect(body.error_description).toMatch(/^AADSTS7000215: /);
    for (const field of ["timestamp", "trace_id", "correlation_id"]) expect(body[field]).toEqual(expect.any(String));
  });

  it("refuses $top=1000 and unknown $select properties as Graph does", async () => {
    const tooMany = await graph("/v1.0/users?$top=1000");
    expect(tooMany.status).toBe(400);
    const error = (await tooMany.json()).error;
    expect(error.code).toBe("Request_BadRequest");
    expect(error.innerError).toMatchObject({
      "request-id": expect.any(String),
      "client-request-id": expect.any(String),
      date: expect.any(String),
    });
    expect((await graph("/v1.0/users?$select=id,favouriteColour")).status).toBe(400);
  });

  it("sends only Graph's default user properties without $select", async () => {
    const page = await (await graph("/v1.0/users?$top=1")).json();
    expect(Object.keys(page.value[0]).sort()).toEqual([
      "businessPhones",
      "displayName",
      "givenName",
      "id",
      "jobTitle",
      "mail",
      "mobilePhone",
      "officeLocation",
      "preferredLanguage",
      "surname",
      "userPrincipalName",
    ]);
  });

  it("answers 401 without a token and 403 Authorization_RequestDenied without the permission", async () => {
    const anonymous = await fetch(`${fake().url}/v1.0/users`);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error.code).toBe("InvalidAuthenticationToken");
    const forbidden = await graph(
      "/v1.0/devices",
      CONTOSO.appWithoutDevices.clientId,
      CONTOSO.appWithoutDevices.secret,
    );
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toMatchObject({
      code: "Authorization_RequestDenied",
      message: "Insufficient privileges to complete the operation.",
    });
  });

  it("pages with absolute nextLinks and a 429 carries Retry-After", async () => {
    const page = await (await graph("/v1.0/users?$top=500")).json();
    expect(page["@odata.nextLink"]).toMatch(new RegExp(`^${fake().url}/v1\\.0/users\\?.*\\$skiptoken=`));
    fake().control.failNextRequests({ count: 1, status: 429, retryAfterSeconds: 7 });
    const throttled = await graph("/v1.0/users");
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("7");
  });

  it("generates the same tenant from the same seed", async () => {
    const twin = await startFakeEntra({ users: 2_000, devices: 300, seed: "fake-checks" });
    try {
      expect(twin.tenant().users.at(1234).value).toEqual(fake().tenant().users.at(1234).value);
      expect(twin.tenant().devices.at(77).value).toEqual(fake().tenant().devices.at(77).value);
    } finally {
      await twin.close();
    }
  });

  it("lets a test change the tenant over HTTP, as a browser test in another process would", async () => {
    const id = fake().control.userIdAt({ index: 42 });
    const response = await fetch(`${fake().url}/_control/disableUser`, {
      method: "POST",
      body: JSON.stringify({ id }),
    });
    expect(response.status).toBe(200);
    const user = await (await graph(`/v1.0/users/${id}?$select=id,accountEnabled`)).json();
    expect(user).toEqual({ id, accountEnabled: false });
  });

  it("keeps a 100,000-user tenant lazy: only touched objects are stored", async () => {
    const large = await startFakeEntra({ users: 100_000, devices: 50_000, seed: "lazy" });
    try {
      const last = large.tenant().users.at(99_999).value;
      expect(last.id).toBe(large.control.userIdAt({ index: 99_999 }));
      expect(large.tenant().users.find(last.id)?.index).toBe(99_999);
    } finally {
      await large.close();
    }
  });
});
