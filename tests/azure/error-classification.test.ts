import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import selfsigned from "selfsigned";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openGraphSession, type EntraConnectionSettings, type GraphOptions } from "@/lib/azure";
import { fetchDevicesPage } from "@/lib/azure/devices";
import { classifyEntraError } from "@/lib/azure/errors/classify";
import type { ClassifiedEntraError } from "@/lib/azure/errors/entra-error";
import { forgetCachedTokenClients } from "@/lib/azure/token";
import { fetchUsersPage } from "@/lib/azure/users";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import {
  appWithExpiredSecret,
  appWithoutConsent,
  appWithoutDevices,
  goodApp,
  graphOptions,
  secretSettings,
  useFakeTenant,
} from "./fake-tenant-harness";

const fake = useFakeTenant({ users: 30, devices: 10 });
const seenMessages: ClassifiedEntraError[] = [];

async function failureOf(
  run: () => Promise<unknown>,
  settings: EntraConnectionSettings = goodApp(),
): Promise<ClassifiedEntraError> {
  try {
    await run();
  } catch (error) {
    const classified = classifyEntraError(error, settings);
    seenMessages.push(classified);
    return classified;
  }
  throw new Error("expected a failure");
}

const tokenFailure = (settings: EntraConnectionSettings, options?: GraphOptions) =>
  failureOf(() => openGraphSession(settings, options ?? graphOptions(fake())).token(), settings);
const usersFailure = (options?: Partial<GraphOptions>, settings = goodApp()) =>
  failureOf(() => fetchUsersPage(openGraphSession(settings, graphOptions(fake(), options)), null), settings);

describe("classifying what goes wrong with Entra ID and Graph", () => {
  afterEach(() => {
    fake().control.clearFaults();
    forgetCachedTokenClients();
  });

  it("a wrong secret says the secret's ID was probably pasted instead of its Value", async () => {
    const failure = await tokenFailure(secretSettings(CONTOSO.goodApp.clientId, "Vq8Q~not-the-right-value"));
    expect(failure).toMatchObject({
      code: "wrong_secret",
      retryable: false,
      fix: { field: "clientSecret", guideStep: 3 },
    });
    expect(failure.message).toMatch(/secret's ID is often pasted instead of its Value/);
    expect(failure.details).toMatch(/AADSTS7000215/);
  });

  it("pasting the secret's ID instead of its Value gets the same advice", async () => {
    const failure = await tokenFailure(secretSettings(CONTOSO.goodApp.clientId, CONTOSO.goodApp.secretId));
    expect(failure.code).toBe("wrong_secret");
    expect(failure.message).toContain("Client secret");
  });

  it("an expired secret says to create a new one in step 3", async () => {
    const failure = await tokenFailure(appWithExpiredSecret());
    expect(failure).toMatchObject({ code: "secret_expired", retryable: false, fix: { guideStep: 3 } });
    expect(failure.message).toMatch(/has expired: create a new client secret .*step 3/);
  });

  it("an unknown Application (client) ID points at the app's Overview page", async () => {
    const failure = await tokenFailure(secretSettings("11111111-2222-4333-8444-555555555555", "whatever"));
    expect(failure).toMatchObject({ code: "unknown_application", fix: { field: "clientId", guideStep: 2 } });
    expect(failure.message).toContain("Application (client) ID 11111111-2222-4333-8444-555555555555");
  });

  it("an unknown Directory (tenant) ID says the tenant was not found", async () => {
    const failure = await tokenFailure(
      secretSettings(CONTOSO.goodApp.clientId, CONTOSO.goodApp.secret, "00000000-1111-4222-8333-444444444444"),
    );
    expect(failure).toMatchObject({ code: "unknown_tenant", fix: { field: "tenantId", guideStep: 2 } });
    expect(failure.message).toContain("Directory (tenant) ID 00000000-1111-4222-8333-444444444444 was not found");
  });

  it("a tenant that is neither a GUID nor a domain is not found either", async () => {
    const failure = await tokenFailure(secretSettings(CONTOSO.goodApp.clientId, CONTOSO.goodApp.secret, "contoso"));
    expect(failure.code).toBe("unknown_tenant");
  });

  it("a tenant whose metadata is refused without an AADSTS number (a non-Microsoft host) is not found either", async () => {
    fake().control.failNextRequests({ count: 1, kind: "html", status: 404, target: "metadata" });
    expect((await tokenFailure(goodApp())).code).toBe("unknown_tenant");
  });

  it("a missing Device.Read.All is named, with the admin-consent link", async () => {
    const settings = appWithoutDevices();
    const failure = await failureOf(
      () => fetchDevicesPage(openGraphSession(settings, graphOptions(fake())), null),
      settings,
    );
    const consentUrl = `${fake().url}/${CONTOSO.tenantId}/adminconsent?client_id=${CONTOSO.appWithoutDevices.clientId}`;
    expect(failure).toMatchObject({ code: "permission_missing", retryable: false, fix: { consentUrl, guideStep: 4 } });
    expect(failure.message).toContain("Device.Read.All");
    expect(failure.message).toContain(consentUrl);
  });

  it("a missing User.Read.All (no admin consent) is named too", async () => {
    const failure = await usersFailure({}, appWithoutConsent());
    expect(failure.code).toBe("permission_missing");
    expect(failure.message).toMatch(/User\.Read\.All.*step 4.*step 5/);
  });

  it("throttling that outlasts the retries is reported with the wait Graph asked for", async () => {
    fake().control.failNextRequests({ count: 3, status: 429, retryAfterSeconds: 1 });
    const started = Date.now();
    const failure = await usersFailure({ retry: { maxRetries: 1, maxWaitSeconds: 5 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(failure).toMatchObject({ code: "throttled", retryable: true, fix: { retryAfterSeconds: 1 } });
  });

  it("a Retry-After longer than the allowed wait is not waited out", async () => {
    fake().control.failNextRequests({ count: 1, status: 429, retryAfterSeconds: 120 });
    const started = Date.now();
    const failure = await usersFailure({ retry: { maxRetries: 3, maxWaitSeconds: 10 } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(failure).toMatchObject({ code: "throttled", fix: { retryAfterSeconds: 120 } });
  });

  it("a Graph outage that outlasts the retries says to try again later", async () => {
    fake().control.failNextRequests({ count: 5, status: 503 });
    const failure = await usersFailure({ retry: { maxRetries: 1, fallbackDelaySeconds: 0 } });
    expect(failure).toMatchObject({ code: "service_unavailable", retryable: true });
    expect(failure.message).toContain("HTTP 503");
  });

  it("an unreachable host is a network failure that names the host", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const endpoints = { authorityHost: `https://localhost:${port}`, graphBaseUrl: `https://localhost:${port}` };
    const failure = await tokenFailure(goodApp(), { endpoints });
    expect(failure).toMatchObject({ code: "network", retryable: true });
    expect(failure.message).toContain(`localhost:${port}`);
    expect(failure.message).toContain("ECONNREFUSED");
  });

  it("an untrusted TLS certificate is a network failure that a retry cannot fix", async () => {
    const pems = await selfsigned.generate([{ name: "commonName", value: "localhost" }], { keySize: 2048 });
    const untrusted = createServer({ key: pems.private, cert: pems.cert }, (_request, response) => response.end("{}"));
    await new Promise<void>((resolve) => untrusted.listen(0, resolve));
    try {
      const url = `https://localhost:${(untrusted.address() as AddressInfo).port}`;
      const failure = await tokenFailure(goodApp(), { endpoints: { authorityHost: url, graphBaseUrl: url } });
      expect(failure).toMatchObject({ code: "network", retryable: false });
      expect(failure.message).toMatch(/TLS certificate .* is not trusted/);
    } finally {
      untrusted.closeAllConnections();
      await new Promise((resolve) => untrusted.close(resolve));
    }
  });

  it("a host that does not answer in time is a network failure", async () => {
    fake().control.setLatency({ ms: 1500, target: "graph" });
    const failure = await usersFailure({ requestTimeoutMs: 300 });
    expect(failure.code).toBe("network");
    expect(failure.message).toMatch(/did not answer in time/);
  });

  it("a dropped connection is a network failure", async () => {
    fake().control.failNextRequests({ count: 1, kind: "drop" });
    expect((await usersFailure()).code).toBe("network");
  });

  it("an HTML page instead of Graph's answer is classified as not what Microsoft sends", async () => {
    fake().control.failNextRequests({ count: 1, kind: "html" });
    const failure = await usersFailure();
    expect(failure.code).toBe("unexpected_response");
    expect(failure.message).toContain("GRAPH_BASE_URL");
  });

  it("JSON that is not a Graph collection is classified the same way", async () => {
    fake().control.failNextRequests({ count: 1, kind: "not-graph" });
    expect((await usersFailure()).code).toBe("unexpected_response");
  });

  it("an HTML page instead of Entra ID's metadata points at AZURE_AUTHORITY_HOST", async () => {
    fake().control.failNextRequests({ count: 1, kind: "html", target: "metadata" });
    const failure = await tokenFailure(goodApp());
    expect(failure.code).toBe("unexpected_response");
    expect(failure.message).toContain("AZURE_AUTHORITY_HOST");
  });

  it("an empty secret and an unreadable private key are caught before asking Entra ID", async () => {
    expect((await tokenFailure(secretSettings(CONTOSO.goodApp.clientId, "  "))).code).toBe("wrong_secret");
    const badKey = {
      ...goodApp(),
      credential: { kind: "certificate" as const, privateKeyPem: "not a key", thumbprintSha256: "ab".repeat(32) },
    };
    const failure = await tokenFailure(badKey);
    expect(failure.code).toBe("wrong_certificate");
    expect(failure.message).toContain("PEM private key");
  });

  it("a SHA-1 thumbprint (the portal's Thumbprint column) is refused with a hint to use the SHA-256 one", async () => {
    const { keyPem } = fake().appCertificate;
    const failure = await tokenFailure({
      ...goodApp(),
      credential: { kind: "certificate", privateKeyPem: keyPem, thumbprintSha256: "ab".repeat(20) },
    });
    expect(failure.code).toBe("wrong_certificate");
    expect(failure.message).toContain("SHA-1");
  });

  it("an authority host that is not an https:// address names the AZURE_AUTHORITY_HOST setting", async () => {
    const failure = await tokenFailure(goodApp(), {
      endpoints: { authorityHost: "http://localhost:4443", graphBaseUrl: fake().url },
    });
    expect(failure).toMatchObject({ code: "endpoint_setting", retryable: false });
    expect(failure.message).toMatch(/^AZURE_AUTHORITY_HOST must be an https:\/\/ address/);
  });

  it("a certificate that is not registered on the app is refused as a wrong certificate", async () => {
    const pems = await selfsigned.generate(undefined, { keySize: 2048 });
    const settings = {
      ...goodApp(),
      credential: { kind: "certificate" as const, privateKeyPem: pems.private, thumbprintSha256: "cd".repeat(32) },
    };
    const failure = await tokenFailure(settings);
    expect(failure).toMatchObject({ code: "wrong_certificate", fix: { field: "certificate" } });
    expect(failure.details).toContain("AADSTS700027");
  });

  it("an expired delta token from Graph is classified as delta_expired", () => {
    const error = new GraphError(400, "The sync state generation is not found.");
    error.code = "syncStateNotFound";
    expect(classifyEntraError(error).code).toBe("delta_expired");
    expect(classifyEntraError(new GraphError(410, "Gone")).code).toBe("delta_expired");
  });

  it("anything else is 'unknown' and does not repeat the raw error text", () => {
    const classified = classifyEntraError(new Error(`boom ${CONTOSO.goodApp.secret}`), goodApp());
    expect(classified.code).toBe("unknown");
    expect(classified.message).not.toContain("boom");
  });

  afterAll(() => {
    // Every message above: never a secret, never a token.
    const secrets = [
      CONTOSO.goodApp.secret,
      CONTOSO.appWithExpiredSecret.secret,
      CONTOSO.appWithoutDevices.secret,
      CONTOSO.appWithoutConsent.secret,
    ];
    for (const { message, details } of seenMessages) {
      for (const secret of secrets) expect(`${message} ${details}`).not.toContain(secret);
      expect(`${message} ${details}`).not.toMatch(/eyJ[\w-]{10,}\./);
    }
    expect(seenMessages.length).toBeGreaterThan(15);
  });
});
