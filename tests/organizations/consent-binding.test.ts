// A consent answer binds only what its link was made for: the organization, the provider's app, and the tenant
// when it was known (the organization's, or its primary domain's). Everything else is refused, recorded as such,
// and leaves the link usable; where no tenant was known, only a signed-in superuser's confirmation binds one.
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { auditEvents, entraConnections } from "@/db/schema";
import {
  confirmConsent,
  rejectConsent,
  createConsentLink,
  consentRefusalMessages,
  receiveConsentAnswer,
  lastConsentAnswer,
  openConsentLink,
  saveProviderApp,
} from "@/lib/consent";
import { providerAppForm } from "@/lib/credentials";
import { answerConsentPage, openConsentPage } from "@/tests/fake-entra/consent-browser";
import type { CustomerTenant } from "@/tests/fake-entra/customer-tenants";
import { FABRIKAM, PROVIDER } from "@/tests/fake-entra/default-tenants";
import { createActor } from "../support/database";
import {
  addOrganizationNamed,
  answerConsent,
  confirmWaitingAnswer,
  connectionOf,
  connectWithOwnApp,
  connectWithProviderApp,
  enterProviderApp,
  useOrganizationWorld,
} from "./organization-world";

const world = useOrganizationWorld();
let customers: CustomerTenant[] | null = null;
const customerTenants = () =>
  (customers ??= world.fake.control.addTenants({ count: 3, users: 5, devices: 2, seed: "consent-binding" }));

const stateOf = (url: string) => new URL(url).searchParams.get("state")!;
const success = (tenant: string, url: string) => ({ admin_consent: "True", tenant, scope: "x", state: stateOf(url) });
const auditSummaries = async (action: string) =>
  (await db.select().from(auditEvents).where(eq(auditEvents.action, action))).map((row) => row.summary);
const providerRoles = (roles: string[]) =>
  world.fake.control.setAppPermissions({
    tenantId: PROVIDER.tenantId,
    clientId: PROVIDER.multiTenantApp.clientId,
    roles,
  });
const DEFAULT_ROLES = ["User.Read.All", "Device.Read.All", "GroupMember.Read.All"];

/** An organization connecting by the provider's app, and the customer tenant it should end up on. */
async function consentingOrganization(name: string, primaryDomain = "") {
  await enterProviderApp(world.admin);
  const organization = await addOrganizationNamed(world.admin, name, primaryDomain);
  await connectWithProviderApp(world.admin, organization.id);
  return organization;
}

describe("what a consent answer may bind", () => {
  it("a link made for the organization's domain names its tenant; an answer from another tenant is refused and the genuine one still connects", async () => {
    const [own, other] = customerTenants();
    const organization = await consentingOrganization("Tailspin Toys", own.domain);
    const link = await createConsentLink(world.admin, organization.id);
    expect(link.expectedTenantId).toBe(own.tenantId);
    expect(link.url).toContain(`/${own.tenantId}/v2.0/adminconsent?`);
    world.fake.control.grantAdminConsent({ tenantId: other.tenantId });

    // The holder of the link rewrites the answer with another customer's tenant.
    await expect(receiveConsentAnswer(success(other.tenantId, link.url))).rejects.toMatchObject({
      reason: "wrong-tenant",
      organizationId: organization.id,
    });
    expect(await connectionOf(organization.id)).toMatchObject({ tenantId: null, clientId: null, enabled: false });
    const refused = (await lastConsentAnswer(world.admin, organization.id))!;
    expect(refused).toMatchObject({ outcome: "refused", tenantId: other.tenantId });
    expect(refused.message).toBe(
      `The link was made for tenant ${own.tenantId}, and the answer came from tenant ${other.tenantId}: nothing was recorded. If Tailspin Toys really moved to another tenant, correct its primary domain and make a new link.`,
    );
    expect(consentRefusalMessages["wrong-tenant"]).not.toContain(other.tenantId);
    expect(await auditSummaries("organizations.consent-refused")).toEqual([
      expect.stringContaining(`Refused an admin consent answer for Tailspin Toys from tenant ${other.tenantId}`),
    ]);

    // The refusal did not use the link: the administrator's real answer connects.
    const page = await openConsentPage(link.url);
    const answer = await answerConsentPage(page, "accept");
    const returned = Object.fromEntries(new URL(answer.location!).searchParams);
    expect(returned.tenant).toBe(own.tenantId);
    expect(await receiveConsentAnswer(returned)).toEqual({ organizationId: organization.id, outcome: "connected" });
    expect(await connectionOf(organization.id)).toMatchObject({
      tenantId: own.tenantId,
      clientId: PROVIDER.multiTenantApp.clientId,
      enabled: true,
    });
    await expect(receiveConsentAnswer(returned)).rejects.toMatchObject({ reason: "used" });
  });

  it("an answer from a tenant another organization already has is refused, naming that organization only to the superuser", async () => {
    const [taken] = customerTenants();
    const holder = await consentingOrganization("Woodgrove Bank", taken.domain);
    expect((await answerConsent(world.admin, holder.id, "accept", taken.tenantId)).result.outcome).toBe("connected");

    const organization = await consentingOrganization("Litware");
    const link = await createConsentLink(world.admin, organization.id);
    expect(link.expectedTenantId).toBeNull();
    expect(link.url).toContain("/organizations/v2.0/adminconsent?");
    await expect(receiveConsentAnswer(success(taken.tenantId, link.url))).rejects.toMatchObject({
      reason: "tenant-taken",
    });
    expect(await connectionOf(organization.id)).toMatchObject({ tenantId: null, enabled: false });
    expect((await lastConsentAnswer(world.admin, organization.id))!.message).toContain(
      `Tenant ${taken.tenantId} is already connected to Woodgrove Bank`,
    );
    expect(consentRefusalMessages["tenant-taken"]).not.toContain("Woodgrove");
    // A link for that tenant is not even made.
    const second = await addOrganizationNamed(world.admin, "Woodgrove again", taken.domain);
    await connectWithProviderApp(world.admin, second.id);
    await expect(createConsentLink(world.admin, second.id)).rejects.toThrow(
      `Tenant ${taken.tenantId} is already connected to Woodgrove Bank`,
    );
  });

  it("an answer to a link made before the provider's app changed is refused; the change withdrew the link", async () => {
    const [own] = customerTenants();
    const organization = await consentingOrganization("Proseware", own.domain);
    const link = await createConsentLink(world.admin, organization.id);
    world.fake.control.grantAdminConsent({ tenantId: own.tenantId });
    await saveProviderApp(
      world.admin,
      providerAppForm.parse({ clientId: FABRIKAM.goodApp.clientId, clientSecret: FABRIKAM.goodApp.secret }),
    );
    await expect(receiveConsentAnswer(success(own.tenantId, link.url))).rejects.toMatchObject({ reason: "void" });
    expect(await connectionOf(organization.id)).toMatchObject({ tenantId: null, clientId: null });
    expect(await openConsentLink(world.admin, organization.id)).toBeNull();
  });

  it("changing the organization's connection method voids its open links", async () => {
    const [own] = customerTenants();
    const organization = await consentingOrganization("Coho Winery", own.domain);
    const link = await createConsentLink(world.admin, organization.id);
    expect(await openConsentLink(world.admin, organization.id)).toMatchObject({ expectedTenantId: own.tenantId });
    await connectWithOwnApp(world.admin, organization.id, {
      tenantId: own.tenantId,
      clientId: own.app.clientId,
      secret: own.app.secret,
    });
    await connectWithProviderApp(world.admin, organization.id);
    await expect(receiveConsentAnswer(success(own.tenantId, link.url))).rejects.toMatchObject({ reason: "void" });
    expect(await openConsentLink(world.admin, organization.id)).toBeNull();
  });

  it("a replayed, a forged and an expired answer record nothing; a decline leaves the link usable", async () => {
    const [own] = customerTenants();
    const organization = await consentingOrganization("Fourth Coffee", own.domain);
    await expect(
      receiveConsentAnswer({ admin_consent: "True", tenant: own.tenantId, state: "forged" }),
    ).rejects.toMatchObject({ reason: "unknown" });
    const expired = await createConsentLink(world.admin, organization.id, new Date(Date.now() - 8 * 24 * 3_600_000));
    await expect(receiveConsentAnswer(success(own.tenantId, expired.url))).rejects.toMatchObject({ reason: "expired" });
    const link = await createConsentLink(world.admin, organization.id);
    const declined = await receiveConsentAnswer({
      error: "access_denied",
      admin_consent: "True",
      tenant: own.tenantId,
      state: stateOf(link.url),
    });
    expect(declined.outcome).toBe("declined");
    world.fake.control.grantAdminConsent({ tenantId: own.tenantId });
    expect((await receiveConsentAnswer(success(own.tenantId, link.url))).outcome).toBe("connected");
    await expect(receiveConsentAnswer(success(own.tenantId, link.url))).rejects.toMatchObject({ reason: "used" });
  });

  it("two answers with the same state at once: one binds, the other is told the link was used", async () => {
    const [own] = customerTenants();
    const organization = await consentingOrganization("Trey Research", own.domain);
    const link = await createConsentLink(world.admin, organization.id);
    world.fake.control.grantAdminConsent({ tenantId: own.tenantId });
    const results = await Promise.allSettled([
      receiveConsentAnswer(success(own.tenantId, link.url)),
      receiveConsentAnswer(success(own.tenantId, link.url)),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { reason: "used" } });
    expect(await auditSummaries("organizations.consent-given")).toHaveLength(1);
  });
});

describe("an answer no tenant was known for", () => {
  it("waits for a superuser, who sees the tenant's name and verified domains and confirms it; Status then turns Enabled", async () => {
    const [own] = customerTenants();
    providerRoles([...DEFAULT_ROLES, "Organization.Read.All"]);
    try {
      const organization = await consentingOrganization("Alpine Ski House", "alpineskihouse.example");
      const { result, url } = await answerConsent(world.admin, organization.id, "accept", own.tenantId);
      expect(url).toContain("/organizations/v2.0/adminconsent?");
      expect(result.outcome).toBe("awaiting_confirmation");
      expect(await connectionOf(organization.id)).toMatchObject({ tenantId: null, clientId: null, enabled: false });
      const waiting = (await lastConsentAnswer(world.admin, organization.id))!;
      expect(waiting).toMatchObject({
        outcome: "awaiting_confirmation",
        tenantId: own.tenantId,
        tenantDetails: { displayName: own.displayName, verifiedDomains: [own.domain] },
      });

      const technician = await createActor("technician");
      await expect(confirmConsent(technician, organization.id, waiting.requestId)).rejects.toThrow(
        "Only a superuser can do this.",
      );
      const colleague = await createActor("superuser", "Robin Reviewer");
      expect(await confirmConsent(colleague, organization.id, waiting.requestId)).toBe(
        `Consent confirmed: Alpine Ski House is connected to tenant ${own.tenantId} and Status is Enabled.`,
      );
      expect(await connectionOf(organization.id)).toMatchObject({
        tenantId: own.tenantId,
        clientId: PROVIDER.multiTenantApp.clientId,
        enabled: true,
      });
      expect(await lastConsentAnswer(world.admin, organization.id)).toMatchObject({ outcome: "connected" });
      const [confirmed] = await db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, "organizations.consent-confirmed"));
      expect(confirmed).toMatchObject({
        actorName: "Robin Reviewer",
        summary: `Admin consent for Alpine Ski House confirmed by Robin Reviewer in tenant ${own.tenantId}`,
      });
      expect(await auditSummaries("organizations.consent-link-created")).toEqual([
        "Made an admin consent link for Alpine Ski House, for any tenant (a superuser confirms the answer)",
      ]);
      expect(await auditSummaries("organizations.consent-received")).toEqual([
        `Admin consent for Alpine Ski House received from tenant ${own.tenantId}: waiting for a superuser's confirmation`,
      ]);
      await expect(confirmConsent(world.admin, organization.id, waiting.requestId)).rejects.toThrow(
        /already confirmed, rejected or withdrawn/,
      );
    } finally {
      providerRoles(DEFAULT_ROLES);
    }
  });

  it("without Organization.Read.All the tenant id alone is shown; a rejected answer binds nothing", async () => {
    const [own] = customerTenants();
    const organization = await consentingOrganization("Lucerne Publishing");
    await answerConsent(world.admin, organization.id, "accept", own.tenantId);
    const waiting = (await lastConsentAnswer(world.admin, organization.id))!;
    expect(waiting.tenantDetails).toEqual({ unreadable: expect.stringContaining("Organization.Read.All") });
    expect(await rejectConsent(world.admin, organization.id, waiting.requestId)).toMatch(
      /rejected: nothing was recorded/,
    );
    expect(await connectionOf(organization.id)).toMatchObject({ tenantId: null, enabled: false });
    await expect(confirmConsent(world.admin, organization.id, waiting.requestId)).rejects.toThrow(
      /already confirmed, rejected or withdrawn/,
    );
  });

  it("a confirmation is refused when another organization took the tenant meanwhile, naming it", async () => {
    const [own] = customerTenants();
    const organization = await consentingOrganization("Margie's Travel");
    await answerConsent(world.admin, organization.id, "accept", own.tenantId);
    const fabrikamLike = await addOrganizationNamed(world.admin, "Blue Yonder Airlines");
    await connectWithOwnApp(world.admin, fabrikamLike.id, {
      tenantId: own.tenantId,
      clientId: own.app.clientId,
      secret: own.app.secret,
    });
    await expect(confirmWaitingAnswer(world.admin, organization.id)).rejects.toThrow(
      `Tenant ${own.tenantId} is already connected to Blue Yonder Airlines`,
    );
    expect(await connectionOf(organization.id)).toMatchObject({ tenantId: null, enabled: false });
  });
});

describe("one tenant, one organization", () => {
  it("the own-app form refuses a tenant another organization has, naming it; the database refuses it whatever the case", async () => {
    const [own] = customerTenants();
    const app = { tenantId: own.tenantId, clientId: own.app.clientId, secret: own.app.secret };
    const first = await addOrganizationNamed(world.admin, "Humongous Insurance");
    const second = await addOrganizationNamed(world.admin, "Southridge Video");
    expect(await connectWithOwnApp(world.admin, first.id, app)).toBe("Changes saved.");
    await expect(
      connectWithOwnApp(world.admin, second.id, { ...app, tenantId: own.tenantId.toUpperCase() }),
    ).rejects.toMatchObject({
      fields: {
        tenantId: `Tenant ${own.tenantId.toUpperCase()} is already connected to Humongous Insurance: a Microsoft Entra tenant belongs to one organization. Disconnect it there first.`,
      },
    });
    expect(await connectionOf(second.id)).toBeNull(); // nothing saved
    const insertSecond = db
      .insert(entraConnections)
      .values({ organizationId: second.id, name: "Microsoft Entra tenant", tenantId: own.tenantId.toUpperCase() });
    await expect(insertSecond).rejects.toMatchObject({
      cause: { constraint_name: "entra_connections_one_per_tenant" },
    });
  });
});
