// A fake Microsoft Entra ID and Microsoft Graph on one local HTTPS port, for tests and for trying the app.
//   const fake = await startFakeEntra({ users: 5000 });
//   fake.endpoints  → { authorityHost, graphBaseUrl } for lib/azure
//   fake.control    → change the tenant, inject faults, count requests (also POST /_control/{operation})
import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { AccessTokenSigner } from "./access-tokens";
import { appCertificate, FAKE_ENTRA_CA_FILE, serverCertificate, type AppCertificate } from "./certificates";
import { createControl, type FakeEntraControl } from "./control";
import { contosoTenant, fabrikamTenant } from "./default-tenants";
import { FakeTenant, type FakeTenantOptions } from "./fake-tenant";
import { FaultInjector } from "./faults";
import { handleRequest } from "./request-handler";

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
};

export type FakeEntra = {
  url: string;
  endpoints: { authorityHost: string; graphBaseUrl: string };
  /** The CA file a Node process needs in NODE_EXTRA_CA_CERTS to trust this server. */
  caFile: string;
  /** The certificate registered on Contoso's good app, for certificate credentials. */
  appCertificate: AppCertificate;
  control: FakeEntraControl;
  tenant: (tenantId?: string) => FakeTenant;
  close: () => Promise<void>;
};

export async function startFakeEntra(options: FakeEntraOptions = {}): Promise<FakeEntra> {
  const [tls, certificate] = await Promise.all([serverCertificate(), appCertificate()]);
  const tenantOptions = options.tenants ?? [
    contosoTenant({ seed: options.seed, users: options.users, devices: options.devices }, certificate),
    fabrikamTenant(),
  ];
  const tenants = tenantOptions.map((t) => new FakeTenant(t));
  const findTenant = (key: string) => {
    const wanted = decodeURIComponent(key).trim().toLowerCase();
    return tenants.find((t) => t.tenantId === wanted || t.domain === wanted) ?? null;
  };
  const tenant = (tenantId?: string) => {
    const found = tenantId ? findTenant(tenantId) : tenants[0];
    if (!found) throw new Error(`No fake tenant ${tenantId}`);
    return found;
  };
  const faults = new FaultInjector();
  const control = createControl(tenant, faults);
  const signer = new AccessTokenSigner(tls.keyPem);

  let baseUrl = "";
  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, (request: IncomingMessage, response: ServerResponse) => {
    const context = {
      baseUrl,
      findTenant,
      signer,
      faults,
      control,
      tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 3599,
      deltaPageSize: options.deltaPageSize ?? 200,
      listingPageSize: options.listingPageSize ?? Number.POSITIVE_INFINITY,
      deltaSendsChangedPropertiesOnly: options.deltaSendsChangedPropertiesOnly ?? true,
    };
    handleRequest(context, request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(`Fake Entra failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
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
    control,
    tenant,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
