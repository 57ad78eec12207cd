// The fake's well-known tenants and app registrations: fixed IDs and secrets that tests, the CLI and
// browser tests can paste. Test material only; none of this exists at Microsoft.
import type { FakeApp, FakeCertificateCredential, FakeTenantOptions } from "./fake-tenant";

const BOTH = ["User.Read.All", "Device.Read.All"];
/** What the main app has: users and devices, and group memberships for choosing whom to sync. */
export const WITH_GROUPS = [...BOTH, "GroupMember.Read.All"];
/** The optional Intune permission too: the sync then reads each tenant's managed devices. */
export const WITH_INTUNE = [...WITH_GROUPS, "DeviceManagementManagedDevices.Read.All"];
const inYears = (years: number) => new Date(Date.now() + years * 365 * 24 * 3600 * 1000);
const longAgo = new Date("2024-01-31T00:00:00Z");

export const CONTOSO = {
  tenantId: "9e2b4c6d-1a3f-4e5b-8c7d-0f1e2d3c4b5a",
  domain: "contoso.onmicrosoft.com",
  displayName: "Contoso (fake)",
  /**
   * User.Read.All, Device.Read.All, GroupMember.Read.All and DeviceManagementManagedDevices.Read.All granted; a
   * client secret and a certificate.
   */
  goodApp: {
    clientId: "0b5d7c2e-4f1a-4c8e-9a6d-3e2f1b0c9d84",
    secret: "Vq8Q~3fakeGoodSecretForVertask.4x7ZpLm2",
    secretId: "2f9c1e7a-8d34-4b6e-a5c1-0e7d9f3b2a61",
  },
  /** User.Read.All only: Device.Read.All and GroupMember.Read.All were never added (the guide's "API permissions" step). */
  appWithoutDevices: {
    clientId: "5c3e9a1f-7b2d-4e6a-8f0c-1d4b7e9a2c53",
    secret: "Lm2Q~8fakeNoDevicePermission.9Kw3RtVq8Q",
  },
  /** Its only client secret expired. */
  appWithExpiredSecret: {
    clientId: "8e1a4c7d-2f9b-4d3e-b6a0-5c8f2e1d7b94",
    secret: "Xe7Q~1fakeExpiredSecretVertask.2Hq9Lm2Q",
  },
  /** Both permissions added, admin consent never granted (the guide's "Grant admin consent" step): its tokens have no roles. */
  appWithoutConsent: {
    clientId: "a3d6f9c2-5e8b-4a1d-9c7f-2b5e8a1d4c67",
    secret: "Nc4Q~6fakeNoConsentSecretVert.8Jt2Xe7Q",
  },
} as const;

export const FABRIKAM = {
  tenantId: "4d8f1b3e-6c2a-4f9d-8e5b-7a1c3e5f9b2d",
  domain: "fabrikam.onmicrosoft.com",
  displayName: "Fabrikam (fake)",
  goodApp: { clientId: "c7e2a9d4-1f6b-4e3c-9a8d-5b2f7e1c4a96", secret: "Fb3Q~9fakeFabrikamSecretVertas.5Mn8Kp1Z" },
} as const;

/** An IT provider's home tenant. Its multi-tenant app is how it reaches the customer tenants that consent to it. */
export const PROVIDER = {
  tenantId: "6f1c8e3a-2b7d-4a95-9e4c-8d3b1a7f5e20",
  domain: "northwindit.onmicrosoft.com",
  displayName: "Northwind IT (fake)",
  /**
   * "Accounts in any organizational directory", asking for User.Read.All, Device.Read.All and GroupMember.Read.All;
   * consented in its home tenant only. Its one secret (and certificate) works at every tenant that consents.
   */
  multiTenantApp: {
    clientId: "d2a7f4c9-8e1b-4f3a-b6d5-1c9e7a4f2b83",
    displayName: "Vertask (Northwind IT)",
    secret: "Nw5Q~2fakeMultiTenantSecretVer.7Rk4Tz9X",
    secretId: "9b3e6a1d-4c8f-4e2b-a7d9-5f1c3e8b6a24",
  },
  /** Where the admin-consent endpoint may send a browser back, until a test registers others (setRedirectUris). */
  redirectUris: ["http://localhost:3000/settings/organizations/consent"],
} as const;

function app(
  clientId: string,
  displayName: string,
  requested: string[],
  granted: string[],
  secrets: FakeApp["secrets"],
  certificates: FakeCertificateCredential[] = [],
): FakeApp {
  return { clientId, displayName, requestedRoles: requested, grantedRoles: granted, secrets, certificates };
}

export type TenantSizes = { seed?: string; users?: number; devices?: number };

export function contosoTenant(sizes: TenantSizes, certificate?: FakeCertificateCredential): FakeTenantOptions {
  const secret = (value: string, id: string, expiresAt = inYears(1)) => ({ id, value, expiresAt });
  return {
    tenantId: CONTOSO.tenantId,
    domain: CONTOSO.domain,
    displayName: CONTOSO.displayName,
    seed: sizes.seed ?? "contoso",
    users: sizes.users ?? 250,
    devices: sizes.devices ?? 120,
    apps: [
      app(
        CONTOSO.goodApp.clientId,
        "Vertask",
        WITH_INTUNE,
        WITH_INTUNE,
        [secret(CONTOSO.goodApp.secret, CONTOSO.goodApp.secretId)],
        certificate ? [certificate] : [],
      ),
      app(
        CONTOSO.appWithoutDevices.clientId,
        "Vertask (users only)",
        ["User.Read.All"],
        ["User.Read.All"],
        [secret(CONTOSO.appWithoutDevices.secret, "6b1e4d8a-3c7f-4a2e-9d5b-8f0a2c4e6b13")],
      ),
      app(CONTOSO.appWithExpiredSecret.clientId, "Vertask (expired secret)", BOTH, BOTH, [
        secret(CONTOSO.appWithExpiredSecret.secret, "1a7c3e9b-5d2f-4b8a-8c6e-4f1b9d3a7e25", longAgo),
      ]),
      app(
        CONTOSO.appWithoutConsent.clientId,
        "Vertask (no consent)",
        BOTH,
        [],
        [secret(CONTOSO.appWithoutConsent.secret, "7d2f8b4e-9a1c-4e6d-b3f5-2c8e4a6d1f37")],
      ),
    ],
  };
}

/** The provider's tenant: a few staff of its own, and the multi-tenant app (a secret, and a certificate when given). */
export function providerTenant(certificate?: FakeCertificateCredential): FakeTenantOptions {
  const { clientId, displayName, secret, secretId } = PROVIDER.multiTenantApp;
  const registration = app(
    clientId,
    displayName,
    WITH_GROUPS,
    WITH_GROUPS,
    [{ id: secretId, value: secret, expiresAt: inYears(1) }],
    certificate ? [certificate] : [],
  );
  return {
    tenantId: PROVIDER.tenantId,
    domain: PROVIDER.domain,
    displayName: PROVIDER.displayName,
    seed: "northwind-it",
    users: 12,
    devices: 8,
    apps: [{ ...registration, multiTenant: true, redirectUris: [...PROVIDER.redirectUris] }],
  };
}

export function fabrikamTenant(): FakeTenantOptions {
  return {
    tenantId: FABRIKAM.tenantId,
    domain: FABRIKAM.domain,
    displayName: FABRIKAM.displayName,
    seed: "fabrikam",
    users: 20,
    devices: 10,
    apps: [
      app(FABRIKAM.goodApp.clientId, "Vertask", BOTH, BOTH, [
        { id: "3e9a5c1f-7b4d-4f2a-a8e6-9d1c5f3b7a48", value: FABRIKAM.goodApp.secret, expiresAt: inYears(1) },
      ]),
    ],
  };
}
