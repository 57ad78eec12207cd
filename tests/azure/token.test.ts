import { afterEach, describe, expect, it } from "vitest";
import { openGraphSession, type EntraConnectionSettings, type GraphOptions } from "@/lib/azure";
import { forgetCachedTokenClients, grantedRoles } from "@/lib/azure/token";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { appWithoutConsent, goodApp, graphOptions, useFakeTenant } from "./fake-tenant-harness";

const fake = useFakeTenant({ users: 10, devices: 5 });

const acquireGraphToken = (settings: EntraConnectionSettings, options?: GraphOptions, forceRefresh = false) =>
  openGraphSession(settings, options).token({ forceRefresh });

describe("access tokens", () => {
  afterEach(() => {
    forgetCachedTokenClients();
    fake().control.resetRequestCounts();
  });

  it("a client secret gets a token whose roles claim lists the granted permissions", async () => {
    const token = await acquireGraphToken(goodApp(), graphOptions(fake()));
    expect(token.fromCache).toBe(false);
    expect(grantedRoles(token.accessToken)?.sort()).toEqual([
      "Device.Read.All",
      "DeviceManagementManagedDevices.Read.All",
      "GroupMember.Read.All",
      "User.Read.All",
    ]);
  });

  it("a second call is answered from MSAL's cache without another token request", async () => {
    await acquireGraphToken(goodApp(), graphOptions(fake()));
    const second = await acquireGraphToken(goodApp(), graphOptions(fake()));
    expect(second.fromCache).toBe(true);
    expect(fake().control.requestCounts().token).toBe(1);
  });

  it("forceRefresh asks Entra ID again, so a consent just granted shows in the roles", async () => {
    await acquireGraphToken(goodApp(), graphOptions(fake()));
    await acquireGraphToken(goodApp(), graphOptions(fake()), true);
    expect(fake().control.requestCounts().token).toBe(2);
  });

  it("another secret for the same app does not reuse the cached token", async () => {
    await acquireGraphToken(goodApp(), graphOptions(fake()));
    const wrong = { ...goodApp(), credential: { kind: "secret" as const, secret: "not-the-secret" } };
    await expect(acquireGraphToken(wrong, graphOptions(fake()))).rejects.toMatchObject({ code: "wrong_secret" });
  });

  it("a certificate (PEM private key and SHA-256 thumbprint) gets a token", async () => {
    const { keyPem, thumbprintSha256 } = fake().appCertificate;
    const settings = {
      ...goodApp(),
      credential: { kind: "certificate" as const, privateKeyPem: keyPem, thumbprintSha256 },
    };
    const token = await acquireGraphToken(settings, graphOptions(fake()));
    expect(grantedRoles(token.accessToken)).toContain("User.Read.All");
  });

  it("a thumbprint written with colons and capitals, as portals show it, is accepted", async () => {
    const { keyPem, thumbprintSha256 } = fake().appCertificate;
    const thumbprint = thumbprintSha256.toUpperCase().match(/../g)!.join(":");
    const settings = {
      ...goodApp(),
      credential: { kind: "certificate" as const, privateKeyPem: keyPem, thumbprintSha256: thumbprint },
    };
    await expect(acquireGraphToken(settings, graphOptions(fake()))).resolves.toMatchObject({ fromCache: false });
  });

  it("an app that was never granted admin consent gets a token without a roles claim", async () => {
    const token = await acquireGraphToken(appWithoutConsent(), graphOptions(fake()));
    const claims = JSON.parse(Buffer.from(token.accessToken.split(".")[1], "base64url").toString());
    expect(claims.roles).toBeUndefined();
    expect(grantedRoles(token.accessToken)).toEqual([]);
  });

  it("a tenant may be given by its domain name instead of its Directory (tenant) ID", async () => {
    const settings = { ...goodApp(), tenantId: CONTOSO.domain };
    await expect(acquireGraphToken(settings, graphOptions(fake()))).resolves.toMatchObject({ fromCache: false });
  });

  it("without explicit endpoints, AZURE_AUTHORITY_HOST and GRAPH_BASE_URL are used (a version path is ignored)", async () => {
    const saved = { authority: process.env.AZURE_AUTHORITY_HOST, graph: process.env.GRAPH_BASE_URL };
    process.env.AZURE_AUTHORITY_HOST = fake().url;
    process.env.GRAPH_BASE_URL = `${fake().url}/v1.0/`;
    try {
      const token = await acquireGraphToken(goodApp());
      const claims = JSON.parse(Buffer.from(token.accessToken.split(".")[1], "base64url").toString());
      expect(claims.aud).toBe(fake().url);
    } finally {
      for (const [name, value] of [
        ["AZURE_AUTHORITY_HOST", saved.authority],
        ["GRAPH_BASE_URL", saved.graph],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
