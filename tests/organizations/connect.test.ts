// Three organizations connected through the real code paths and the fake: two by the provider's app and its admin
// consent (one administrator Accepts, one Cancels), one by its own app registration; then each syncs its own tenant.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, clients, consentRequests, devices } from "@/db/schema";
import { openGraphSession } from "@/lib/azure";
import { pagesOfDevices } from "@/lib/azure/devices";
import { pagesOfUsers } from "@/lib/azure/users";
import { isExternalUser } from "@/lib/synced-fields";
import { requestSync } from "@/lib/sync-runs/request-sync";
import { createConsentLink, lastConsentAnswer, receiveConsentAnswer } from "@/lib/consent";
import { getSyncSettings } from "@/lib/connections";
import { listSyncRuns } from "@/lib/sync-runs/queries";
import { FABRIKAM, PROVIDER } from "@/tests/fake-entra/default-tenants";
import type { CustomerTenant } from "@/tests/fake-entra/customer-tenants";
import type { FakeEntra } from "@/tests/fake-entra/server";
import { createActor } from "../support/database";
import {
  addOrganizationNamed,
  answerConsent,
  confirmWaitingAnswer,
  connectionOf,
  connectWithOwnApp,
  connectWithProviderApp,
  enterProviderApp,
  syncOrganization,
  useOrganizationWorld,
} from "./organization-world";

const world = useOrganizationWorld();
let customers: CustomerTenant[] | null = null;
const customerTenants = () =>
  (customers ??= world.fake.control.addTenants({ count: 2, users: 25, devices: 6, seed: "connect-organizations" }));

type App = { tenantId: string; clientId: string; secret: string };
const ownApp = (tenant: CustomerTenant): App => ({
  tenantId: tenant.tenantId,
  clientId: tenant.app.clientId,
  secret: tenant.app.secret,
});
const fabrikamApp: App = {
  tenantId: FABRIKAM.tenantId,
  clientId: FABRIKAM.goodApp.clientId,
  secret: FABRIKAM.goodApp.secret,
};

/** The tenant's members and devices as Graph's plain listing shows them, read with an app of that tenant. */
async function tenantContents(fake: FakeEntra, app: App) {
  const session = () =>
    openGraphSession(
      { tenantId: app.tenantId, clientId: app.clientId, credential: { kind: "secret", secret: app.secret } },
      { endpoints: fake.endpoints },
    );
  const [users, listed] = [[] as string[], [] as string[]];
  for await (const page of pagesOfUsers(session()))
    users.push(...page.items.filter((u) => !isExternalUser(u.userType, u.userPrincipalName)).map((u) => u.id));
  for await (const page of pagesOfDevices(session(), { includeOwners: false }))
    listed.push(...page.items.map((d) => d.id));
  return { users: users.sort(), devices: listed.sort() };
}

async function organizationContents(organizationId: string) {
  const users = await db
    .select({ id: clients.entraObjectId })
    .from(clients)
    .where(eq(clients.organizationId, organizationId));
  const owned = await db
    .select({ id: devices.entraObjectId })
    .from(devices)
    .where(eq(devices.organizationId, organizationId));
  return { users: users.map((u) => u.id!).sort(), devices: owned.map((d) => d.id!).sort() };
}

describe("connecting organizations", () => {
  it("connects one organization by consent, keeps one that declined waiting, one by its own app; each then syncs exactly its tenant", async () => {
    const { admin, fake } = world;
    const [accepting, declining] = customerTenants();
    await enterProviderApp(admin);
    // Its primary domain names its tenant (Entra's discovery document): the link is for that tenant alone.
    const tailspin = await addOrganizationNamed(admin, "Tailspin Toys", accepting.domain);
    const woodgrove = await addOrganizationNamed(admin, "Woodgrove Bank");
    const fabrikam = await addOrganizationNamed(admin, "Fabrikam");
    await connectWithProviderApp(admin, tailspin.id);
    await connectWithProviderApp(admin, woodgrove.id);
    expect(await connectWithOwnApp(admin, fabrikam.id, fabrikamApp)).toBe("Changes saved.");

    const accepted = await answerConsent(admin, tailspin.id, "accept", accepting.tenantId);
    expect(accepted.url).toContain(
      `/${accepting.tenantId}/v2.0/adminconsent?client_id=${PROVIDER.multiTenantApp.clientId}&scope=`,
    );
    expect(accepted.url).toContain(`redirect_uri=${encodeURIComponent(PROVIDER.redirectUris[0])}`);
    expect(accepted.result).toEqual({ organizationId: tailspin.id, outcome: "connected" });
    const tailspinSettings = await getSyncSettings(admin, tailspin.id, new Date());
    expect(tailspinSettings).toMatchObject({
      method: "provider_app",
      consentedTenantId: accepting.tenantId,
      enabled: true,
      readiness: "ready",
    });
    expect(await lastConsentAnswer(admin, tailspin.id)).toMatchObject({
      outcome: "connected",
      tenantId: accepting.tenantId,
      message: expect.stringMatching(/^Connected: /),
    });
    expect((await lastConsentAnswer(admin, tailspin.id))!.checks).toEqual(
      expect.arrayContaining([
        { label: "Token obtained", ok: true },
        { label: "User.Read.All: granted", ok: true },
      ]),
    );

    const declined = await answerConsent(admin, woodgrove.id, "cancel", declining.tenantId);
    expect(declined.returned).toMatchObject({
      error: "access_denied",
      admin_consent: "True",
      tenant: declining.tenantId,
    });
    expect(declined.result.outcome).toBe("declined");
    expect(await lastConsentAnswer(admin, woodgrove.id)).toMatchObject({
      outcome: "declined",
      tenantId: null,
      message: expect.stringContaining("The administrator declined the consent"),
    });
    expect(await connectionOf(woodgrove.id)).toMatchObject({
      method: "provider_app",
      clientId: null,
      tenantId: null,
      enabled: false,
    });
    expect((await getSyncSettings(admin, woodgrove.id, new Date())).readiness).toBe("waiting_for_consent");
    await expect(requestSync(admin, "users", { organizationId: woodgrove.id })).rejects.toThrow(/waiting for consent/);

    for (const organization of [tailspin, fabrikam]) {
      for (const kind of ["users", "devices"] as const)
        expect((await syncOrganization(organization.id, kind)).run.status).toBe("succeeded");
    }
    const tailspinTenant = await tenantContents(fake, ownApp(accepting));
    expect(tailspinTenant.users.length).toBeGreaterThan(15); // 25 users, some of them guests
    expect(await organizationContents(tailspin.id)).toEqual(tailspinTenant);
    expect(await organizationContents(fabrikam.id)).toEqual(await tenantContents(fake, fabrikamApp));
    expect(await organizationContents(woodgrove.id)).toEqual({ users: [], devices: [] });

    // The run history names each run's organization.
    const runs = await listSyncRuns(admin, null);
    expect(new Set(runs.map((run) => run.organizationName))).toEqual(new Set(["Tailspin Toys", "Fabrikam"]));
    expect((await listSyncRuns(admin, fabrikam.id, 100)).every((run) => run.organizationName === "Fabrikam")).toBe(
      true,
    );
  });

  it("refuses a forged, a replayed and an expired answer, and records nothing for them", async () => {
    const { admin } = world;
    const [customer] = customerTenants();
    await enterProviderApp(admin);
    const organization = await addOrganizationNamed(admin, "Litware");
    await connectWithProviderApp(admin, organization.id);
    const success = { admin_consent: "True", tenant: customer.tenantId };

    await expect(receiveConsentAnswer({ ...success, state: "made-up-by-an-attacker" })).rejects.toMatchObject({
      reason: "unknown",
    });
    await expect(receiveConsentAnswer(success)).rejects.toMatchObject({ reason: "unknown" });

    const old = await createConsentLink(admin, organization.id, new Date(Date.now() - 8 * 24 * 3_600_000));
    await expect(
      receiveConsentAnswer({ ...success, state: new URL(old.url).searchParams.get("state")! }),
    ).rejects.toMatchObject({ reason: "expired" });

    expect(await connectionOf(organization.id)).toMatchObject({ clientId: null, tenantId: null });

    const accepted = await answerConsent(admin, organization.id, "accept", customer.tenantId);
    expect(accepted.result.outcome).toBe("awaiting_confirmation");
    await expect(receiveConsentAnswer(accepted.returned)).rejects.toMatchObject({ reason: "used" });
    expect(await confirmWaitingAnswer(admin, organization.id)).toMatch(/^Consent confirmed: Litware is connected/);
    // Only the hash of a state is kept.
    const stored = await db.select({ stateHash: consentRequests.stateHash }).from(consentRequests);
    expect(stored.some((row) => row.stateHash === accepted.returned.state)).toBe(false);
  });

  it("an answer that reaches a browser not signed in (the customer's administrator's) is recorded in the name of the superuser who made the link", async () => {
    const { admin } = world;
    const [customer] = customerTenants();
    await enterProviderApp(admin);
    const organization = await addOrganizationNamed(admin, "Wide World Importers", customer.domain);
    await connectWithProviderApp(admin, organization.id);
    const colleague = await createActor("superuser", "Another Admin");
    const link = await createConsentLink(colleague, organization.id);
    world.fake.control.grantAdminConsent({ tenantId: customer.tenantId });
    const result = await receiveConsentAnswer({
      admin_consent: "True",
      tenant: customer.tenantId,
      scope: "x",
      state: new URL(link.url).searchParams.get("state")!,
    });
    expect(result.outcome).toBe("connected");
    expect(await connectionOf(organization.id)).toMatchObject({ tenantId: customer.tenantId });
    const audit = await db.select().from(auditEvents).where(eq(auditEvents.action, "organizations.consent-given"));
    expect(audit.find((row) => row.summary.includes("Wide World Importers"))).toMatchObject({
      actorName: "Another Admin",
    });
  });

  it("a consent that comes back with an error says so in plain words, even with admin_consent=True and a tenant", async () => {
    const { admin } = world;
    const [customer] = customerTenants();
    await enterProviderApp(admin);
    const organization = await addOrganizationNamed(admin, "Proseware");
    await connectWithProviderApp(admin, organization.id);
    const state = new URL((await createConsentLink(admin, organization.id)).url).searchParams.get("state")!;
    const result = await receiveConsentAnswer({
      error: "server_error",
      error_description: "AADSTS…",
      admin_consent: "True",
      tenant: customer.tenantId,
      state,
    });
    expect(result.outcome).toBe("declined");
    expect((await lastConsentAnswer(admin, organization.id))!.message).toMatch(/^The consent did not finish/);
    expect(await connectionOf(organization.id)).toMatchObject({ clientId: null, tenantId: null });
  });

  it("asks for the provider's app before an organization can connect by it, and only superusers connect", async () => {
    const { admin } = world;
    const organization = await addOrganizationNamed(admin, "Coho Winery");
    await expect(connectWithProviderApp(admin, organization.id)).rejects.toMatchObject({
      fields: { connectWith: expect.stringContaining("Provider app") },
    });
    await enterProviderApp(admin);
    await expect(createConsentLink(admin, organization.id)).rejects.toThrow(/before asking for consent/);
    const technician = await createActor("technician");
    await expect(createConsentLink(technician, organization.id)).rejects.toThrow("Only a superuser can do this.");
    await expect(addOrganizationNamed(technician, "Trey Research")).rejects.toThrow("Only a superuser can do this.");
  });

  it("an administrator who consents to an app that lacks a permission: recorded, and the page says what is missing", async () => {
    const { admin, fake } = world;
    const [, customer] = customerTenants();
    fake.control.setAppPermissions({
      tenantId: PROVIDER.tenantId,
      clientId: PROVIDER.multiTenantApp.clientId,
      roles: ["User.Read.All"],
    });
    try {
      await enterProviderApp(admin);
      const organization = await addOrganizationNamed(admin, "Wingtip Toys", customer.domain);
      await connectWithProviderApp(admin, organization.id);
      const { result } = await answerConsent(admin, organization.id, "accept", customer.tenantId);
      expect(result.outcome).toBe("not_working");
      const answer = (await lastConsentAnswer(admin, organization.id))!;
      expect(answer.message).toContain("Device.Read.All");
      expect(answer.checks).toEqual(
        expect.arrayContaining([
          { label: "User.Read.All: granted", ok: true },
          { label: "Device.Read.All: missing", ok: false },
        ]),
      );
      expect(await connectionOf(organization.id)).toMatchObject({ tenantId: customer.tenantId, enabled: false });
    } finally {
      fake.control.setAppPermissions({
        tenantId: PROVIDER.tenantId,
        clientId: PROVIDER.multiTenantApp.clientId,
        roles: ["User.Read.All", "Device.Read.All", "GroupMember.Read.All"],
      });
      if (fake.control.consentedTenantIds().includes(customer.tenantId))
        fake.control.revokeAdminConsent({ tenantId: customer.tenantId });
    }
  });
});
