// Many customer tenants at once, for an IT provider's view: each fixed by (seed, number), with generated users
// and devices and an app registration of its own (an organization may connect by its own app, too).
import { WITH_GROUPS } from "./default-tenants";
import type { FakeTenantOptions } from "./fake-tenant";
import { deterministicGuid, hashText, mix } from "./ids";

export type CustomerTenantsRequest = { count: number; users?: number; devices?: number; seed?: string };

/** What a test pastes to connect a generated tenant, by the provider's app (tenantId) or by its own (app). */
export type CustomerTenant = {
  tenantId: string;
  domain: string;
  displayName: string;
  app: { clientId: string; secret: string };
};

// Microsoft's fictitious companies; "&" and "'" keep whoever shows them honest about escaping.
const COMPANIES = [
  "Tailspin Toys",
  "Woodgrove Bank",
  "Adventure Works",
  "Litware",
  "Proseware",
  "Wide World Importers",
  "Alpine Ski House",
  "Coho Winery",
  "Lucerne Publishing",
  "Margie's Travel",
  "Trey Research",
  "Wingtip Toys",
  "Fourth Coffee",
  "Humongous Insurance",
  "Southridge Video",
  "Blue Yonder Airlines",
  "City Power & Light",
  "Consolidated Messenger",
];

const hex = (value: number) => (value >>> 0).toString(16).padStart(8, "0");

function customerTenant(
  seed: string,
  number: number,
  users: number,
  devices: number,
): { options: FakeTenantOptions; summary: CustomerTenant } {
  const seedHash = hashText(`customers/${seed}`);
  const label = String(number).padStart(3, "0");
  const slug = seed.toLowerCase().replace(/[^a-z0-9]/g, "") || "customer";
  const tenantId = deterministicGuid(seedHash, "tenant", number);
  const domain = `${slug}${label}.onmicrosoft.com`;
  const displayName = `${COMPANIES[(number - 1) % COMPANIES.length]} ${label} (fake)`;
  const app = {
    clientId: deterministicGuid(seedHash, "app", number),
    secret: `Cu${label}Q~fake${hex(mix(seedHash, number))}${hex(mix(seedHash, -number))}.Vt`,
  };
  const options: FakeTenantOptions = {
    tenantId,
    domain,
    displayName,
    seed: `${seed}-${label}`,
    users,
    devices,
    apps: [
      {
        clientId: app.clientId,
        displayName: "Vertask",
        requestedRoles: [...WITH_GROUPS],
        grantedRoles: [...WITH_GROUPS],
        secrets: [
          {
            id: deterministicGuid(seedHash, "secret", number),
            value: app.secret,
            expiresAt: new Date(Date.now() + 365 * 24 * 3600 * 1000),
          },
        ],
        certificates: [],
      },
    ],
  };
  return { options, summary: { tenantId, domain, displayName, app } };
}

/** Tenants number 1..count of this seed; the same request gives the same tenants, users and secrets. */
export function customerTenants({ count, users = 50, devices = 20, seed = "customer" }: CustomerTenantsRequest) {
  for (const [name, value] of Object.entries({ count, users, devices })) {
    if (!Number.isInteger(value) || value < 0) throw new Error(`addTenants: ${name} takes a whole number`);
  }
  return Array.from({ length: count }, (_, index) => customerTenant(seed, index + 1, users, devices));
}
