// A fake Microsoft Entra ID and Microsoft Graph on one local HTTPS port, for tests and for trying the app.
//   const fake = await startFakeEntra({ users: 5000 });
//   fake.endpoints  → { authorityHost, graphBaseUrl } for lib/azure
//   fake.control    → change a tenant, add tenants, consent, inject faults, count requests (also POST /_control/{operation})
// It serves, per tenant: OpenID metadata and signing keys, the client-credentials token endpoint (secret or
// certificate), the sign-in of its users (authorize.ts, code-grant.ts: code flow with PKCE, signed id tokens),
// the v1 admin-consent link, the v2.0 admin-consent page for multi-tenant apps (admin-consent.ts), and Graph
// v1.0 users, devices, groups, delta and $batch, and change-notification subscriptions on users and groups, whose
// notifications it POSTs to the app's notification URL (subscriptions.ts). Default tenants: Contoso (the first), Fabrikam, and Northwind IT,
// an IT provider whose multi-tenant app the others have not consented to (default-tenants.ts).
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AccessTokenSigner } from "./access-tokens";
import {
  appCertificate,
  FAKE_ENTRA_CA_FILE,
  multiTenantAppCertificate,
  serverCertificate,
  type AppCertificate,
} from "./certificates";
import { createControl, type FakeEntraControl } from "./control";
import { contosoTenant, fabrikamTenant, providerTenant } from "./default-tenants";
import type { FakeTenant, FakeTenantOptions } from "./fake-tenant";
import { FaultInjector } from "./faults";
import { handleRequest } from "./request-handler";
import { SignInState } from "./sign-in-state";
import { FakeSubscriptions } from "./subscriptions";
import { TenantDirectory } from "./tenant-directory";

export type FakeEntraOptions = {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Size and seed of the default Contoso tenant (ignored when `tenants` is given). */
  seed?: string;
  users?: number;
  devices?: number;
  tenants?: FakeTenantOptions[];
  tokenLifetimeSeconds?: number;
  /** Graph chooses delta page sizes itself (and ignores $top there); this is the fake's choice. */
  deltaPageSize?: number;
  /** The most a plain listing page holds whatever `$top` asks (Graph may send fewer than asked); none by default. */
  listingPageSize?: number;
  deltaSendsChangedPropertiesOnly?: boolean;
  /** Change notifications: how long changes gather into one request, and the first wait before one is sent again. */
  notificationBatchWindowMs?: number;
  notificationRetryBaseMs?: number;
};

export type FakeEntra = {
  url: string;
  endpoints: { authorityHost: string; graphBaseUrl: string };
  /** The CA file a Node process needs in NODE_EXTRA_CA_CERTS to trust this server. */
  caFile: string;
  /** The certificate registered on Contoso's good app, for certificate credentials. */
  appCertificate: AppCertificate;
  /** The certificate registered on the provider's multi-tenant app (PROVIDER.multiTenantApp). */
  multiTenantAppCertificate: AppCertificate;
  control: FakeEntraControl;
  tenant: (tenantId?: string) => FakeTenant;
  close: () => Promise<void>;
};

export async function startFakeEntra(options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const [tls, certificate, multiTenantCertificate] = await Promise.all([
    serverCertificate(),
    appCertificate(),
    multiTenantAppCertificate(),
  ]);
  const directory = new TenantDirectory(
    options.tenants ?? [
      contosoTenant({ seed: options.seed, users: options.users, devices: options.devices }, certificate),
      fabrikamTenant(),
      providerTenant(multiTenantCertificate),
    ],
  );
  const findTenant = (key: string) => directory.find(key);
  const faults = new FaultInjector();
  const signIn = new SignInState();
  const subscriptions = new FakeSubscriptions({
    batchWindowMs: options.notificationBatchWindowMs ?? 200,
    maxBatchSize: 100,
    retryBaseMs: options.notificationRetryBaseMs ?? 10_000,
  });
  directory.onChange = (change) => subscriptions.changed(change);
  const control = createControl(directory, faults, signIn, subscriptions);
  const signer = new AccessTokenSigner(tls.keyPem);

  let baseUrl = "";
  const server: Server = createServer(
    { key: tls.keyPem, cert: tls.certPem },
    (request: IncomingMessage, response: ServerResponse) => {
      const context = {
        baseUrl,
        signIn,
        findTenant,
        directory,
        signer,
        faults,
        control,
        subscriptions,
        tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
        deltaPageSize: options.deltaPageSize ?? 200,
        listingPageSize: options.listingPageSize ?? Number.POSITIVE_INFINITY,
        deltaSendsChangedPropertiesOnly: options.deltaSendsChangedPropertiesOnly ?? true,
      };
      handleRequest(context, request, response).catch((error) => {
        if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
        response.end(`Fake Entra failed: ${error instanceof Error ? error.message : String(error)}`);
      });
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, () => resolve());
  });
  baseUrl = `https://localhost:${(server.address() as AddressInfo).port}`;

  return {
    url: baseUrl,
    endpoints: { authorityHost: baseUrl, graphBaseUrl: baseUrl },
    caFile: FAKE_ENTRA_CA_FILE,
    appCertificate: certificate,
    multiTenantAppCertificate: multiTenantCertificate,
    control,
    tenant: (tenantId?: string): FakeTenant => directory.require(tenantId),
    close: () =>
      new Promise<void>((resolve) => {
        subscriptions.delivery.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
