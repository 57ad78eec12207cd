// Shared set-up for tests that run lib/azure against the fake tenant over real HTTPS.
import { afterAll, beforeAll } from "vitest";
import { openGraphSession, type EntraConnectionSettings, type GraphOptions, type GraphSession } from "@/lib/azure";
import { forgetCachedTokenClients } from "@/lib/azure/token";
import { trustsFakeCertificate } from "@/tests/fake-entra/certificates";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { startFakeEntra, type FakeEntra, type FakeEntraOptions } from "@/tests/fake-entra/server";

/** Node reads NODE_EXTRA_CA_CERTS only at start, so the test process must have been started with it. */
export function assertFakeCertificateTrusted() {
  if (!trustsFakeCertificate(process.env.NODE_EXTRA_CA_CERTS)) {
    throw new Error(
      `Start the tests with NODE_EXTRA_CA_CERTS=$(npx tsx tests/fake-entra/certificates-cli.ts), or with ` +
        `tests/fake-entra/vitest-global-setup.ts as vitest's globalSetup, so Node trusts the fake tenant's HTTPS certificate.`,
    );
  }
}

/** Starts a fake tenant for the test file and stops it after; `fake()` returns it inside tests. */
export function useFakeTenant(options: FakeEntraOptions = {}) {
  let fake: FakeEntra | null = null;
  beforeAll(async () => {
    assertFakeCertificateTrusted();
    fake = await startFakeEntra(options);
  });
  afterAll(async () => {
    forgetCachedTokenClients();
    await fake?.close();
  });
  return () => {
    if (!fake) throw new Error("The fake tenant has not started");
    return fake;
  };
}

/** Graph options for the fake: its endpoints, and retry waits short enough for a test run. */
export function graphOptions(fake: FakeEntra, extra: Partial<GraphOptions> = {}): GraphOptions {
  return {
    endpoints: fake.endpoints,
    retry: { maxRetries: 3, maxWaitSeconds: 5, fallbackDelaySeconds: 0.1 },
    ...extra,
  };
}

/** A Graph session on the fake tenant, as one job step opens it. */
export function graphSession(
  fake: FakeEntra,
  settings: EntraConnectionSettings = goodApp(),
  extra: Partial<GraphOptions> = {},
): GraphSession {
  return openGraphSession(settings, graphOptions(fake, extra));
}

export function secretSettings(
  clientId: string,
  secret: string,
  tenantId: string = CONTOSO.tenantId,
): EntraConnectionSettings {
  return { tenantId, clientId, credential: { kind: "secret", secret } };
}

export const goodApp = () => secretSettings(CONTOSO.goodApp.clientId, CONTOSO.goodApp.secret);
export const appWithoutDevices = () =>
  secretSettings(CONTOSO.appWithoutDevices.clientId, CONTOSO.appWithoutDevices.secret);
export const appWithExpiredSecret = () =>
  secretSettings(CONTOSO.appWithExpiredSecret.clientId, CONTOSO.appWithExpiredSecret.secret);
export const appWithoutConsent = () =>
  secretSettings(CONTOSO.appWithoutConsent.clientId, CONTOSO.appWithoutConsent.secret);
