// A client's "Sign in with Microsoft" to the portal against the fake tenant, from the button to the session: the
// organization's own app at its tenant, the code flow, and the portal's rule. The browser's cookies are a jar here
// (next/headers outside a request); everything else is the real code, database and fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { desc, eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { auditEvents, clients, entraConnections, portalAccounts } from "@/db/schema";
import {
  finishPortalMicrosoftSignIn,
  organizationOfWorkEmail,
  startPortalMicrosoftSignIn,
} from "@/lib/portal-microsoft-sign-in";
import { savePortalSignInSetting } from "@/lib/portal/microsoft-sign-in-setting";
import { findPortalClientForSession } from "@/lib/session/current-client";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { CONTOSO, FABRIKAM, PROVIDER } from "@/tests/fake-entra/default-tenants";
import { saveProviderApp } from "@/lib/consent";
import { providerAppForm } from "@/lib/credentials";
import type { FakeUser } from "@/tests/fake-entra/generated-objects";
import { createActor, resetDatabase } from "../support/database";
import { connectOrganization } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (cookie: string | { name: string }) => void jar.delete(typeof cookie === "string" ? cookie : cookie.name),
  }),
}));

const fake = useFakeTenant({ users: 40, devices: 1, seed: "portal-microsoft-sign-in" });
const APP_URL = "http://localhost:3000";
const previous = { authorityHost: process.env.AZURE_AUTHORITY_HOST, appUrl: process.env.APP_URL };
let organizationId: string;
let connectionId: string;
let admin: Actor;

const usersOf = (tenantId: string) => {
  const tenant = fake().tenant(tenantId);
  return Array.from({ length: tenant.users.end }, (_, i) => tenant.users.at(i).value);
};
const members = () => usersOf(CONTOSO.tenantId).filter((u) => u.accountEnabled && u.userType === "Member" && u.mail);

beforeAll(() => {
  process.env.AZURE_AUTHORITY_HOST = fake().url;
  process.env.APP_URL = APP_URL;
  for (const clientId of [CONTOSO.goodApp.clientId, PROVIDER.multiTenantApp.clientId])
    fake().control.setRedirectUris({ clientId, redirectUris: [`${APP_URL}/portal/signin/microsoft/callback`] });
});
beforeEach(async () => {
  jar.clear();
  await resetDatabase();
  admin = await createActor("superuser");
  ({
    organizationId,
    connection: { id: connectionId },
  } = await connectOrganization("Contoso", CONTOSO));
  await savePortalSignInSetting(admin, organizationId, { enabled: true, registered: true });
});
afterAll(async () => {
  process.env.AZURE_AUTHORITY_HOST = previous.authorityHost;
  process.env.APP_URL = previous.appUrl;
  await closeDatabase();
});

/** The user as a synced client of Contoso, with portal access. */
async function asClient(user: FakeUser, fields: Partial<typeof clients.$inferInsert> = {}) {
  const [client] = await db
    .insert(clients)
    .values({
      organizationId,
      connectionId,
      entraObjectId: user.id,
      source: "azure" as const,
      displayName: user.displayName ?? user.userPrincipalName,
      mail: user.mail,
      userType: user.userType,
      isExternal: user.userType === "Guest",
      ...fields,
    })
    .returning();
  await db.insert(portalAccounts).values({ clientId: client.id, status: "active" });
  return client;
}

/** The browser's trip: the portal's button, Microsoft (the user chosen beforehand), and back to the redirect URI. */
async function signInAs(user: FakeUser) {
  const authorizeUrl = await startPortalMicrosoftSignIn(organizationId);
  expect(authorizeUrl).toMatch(new RegExp(`^${fake().url}/${CONTOSO.tenantId}/oauth2/v2.0/authorize\\?`));
  fake().control.signInAs({ tenantId: CONTOSO.tenantId, userId: user.id });
  const response = await fetch(authorizeUrl!, { redirect: "manual" });
  const back = new URL(response.headers.get("location")!);
  expect(`${back.origin}${back.pathname}`).toBe(`${APP_URL}/portal/signin/microsoft/callback`);
  return finishPortalMicrosoftSignIn(Object.fromEntries(back.searchParams));
}

const lastAudit = async () => (await db.select().from(auditEvents).orderBy(desc(auditEvents.at)).limit(1))[0];

describe("a client signs in to the portal with Microsoft", () => {
  it("a client of a connected organization is signed in, with the session a password gives", async () => {
    const user = members()[0];
    const client = await asClient(user);
    const outcome = await signInAs(user);
    expect(outcome).toMatchObject({ letIn: true, client: { id: client.id, name: user.displayName } });
    if (!outcome.letIn) return;
    const session = { portalClientId: outcome.client.id, sessionVersion: outcome.client.sessionVersion };
    expect(await findPortalClientForSession(session)).toEqual({ clientId: client.id, name: user.displayName });
    const [account] = await db.select().from(portalAccounts).where(eq(portalAccounts.clientId, client.id));
    expect(account.microsoftSignedInAt).not.toBeNull();
    expect((await lastAudit()).summary).toBe(`${user.displayName} signed in to the client portal with Microsoft`);
  });

  it("a session ends when the client is later disabled in Entra, as a password session does", async () => {
    const user = members()[1];
    const client = await asClient(user);
    const outcome = await signInAs(user);
    if (!outcome.letIn) throw new Error("not let in");
    await db.update(clients).set({ status: "disabled" }).where(eq(clients.id, client.id));
    expect(
      await findPortalClientForSession({ portalClientId: client.id, sessionVersion: outcome.client.sessionVersion }),
    ).toBeNull();
  });

  it("a client of an organization connected by the provider's multi-tenant app signs in through that app, at its tenant", async () => {
    await saveProviderApp(
      admin,
      providerAppForm.parse({
        clientId: PROVIDER.multiTenantApp.clientId,
        clientSecret: PROVIDER.multiTenantApp.secret,
      }),
    );
    fake().control.grantAdminConsent({ tenantId: CONTOSO.tenantId });
    await db
      .update(entraConnections)
      .set({ method: "provider_app", clientId: PROVIDER.multiTenantApp.clientId })
      .where(eq(entraConnections.id, connectionId));
    await savePortalSignInSetting(admin, organizationId, { enabled: true, registered: true });
    const user = members()[5];
    const client = await asClient(user);
    const authorizeUrl = new URL((await startPortalMicrosoftSignIn(organizationId))!);
    expect(authorizeUrl.searchParams.get("client_id")).toBe(PROVIDER.multiTenantApp.clientId);
    jar.clear();
    expect(await signInAs(user)).toMatchObject({ letIn: true, client: { id: client.id } });
  });

  it("refuses a guest of the tenant, even one synced as a client", async () => {
    const guest = fake().tenant(CONTOSO.tenantId).addUser({
      displayName: "Gus Guest",
      userType: "Guest",
      accountEnabled: true,
      userPrincipalName: "gus_partner.example#EXT#@contoso.onmicrosoft.com",
      mail: "gus@partner.example",
    });
    await asClient(guest);
    expect(await signInAs(guest)).toEqual({ letIn: false, reason: "external_user" });
  });

  it("refuses a removed client", async () => {
    const user = members()[2];
    await asClient(user, { status: "removed" });
    expect(await signInAs(user)).toEqual({ letIn: false, reason: "client_not_active" });
  });

  it("refuses a disabled account: Microsoft answers AADSTS50057, and the audit log says so", async () => {
    const user = members()[3];
    await asClient(user);
    fake().control.disableUser({ tenantId: CONTOSO.tenantId, id: user.id });
    try {
      expect(await signInAs(user)).toEqual({ letIn: false, reason: "microsoft_refused" });
      expect((await lastAudit()).summary).toContain("AADSTS50057");
    } finally {
      fake().control.enableUser({ tenantId: CONTOSO.tenantId, id: user.id });
    }
  });

  it("refuses a Microsoft answer no sign-in of this browser started, without filling the audit log", async () => {
    jar.clear();
    const before = await db.$count(auditEvents);
    expect(await finishPortalMicrosoftSignIn({ code: "x", state: "y" })).toEqual({
      letIn: false,
      reason: "microsoft_refused",
    });
    expect(await db.$count(auditEvents)).toBe(before);
  });

  it("refuses an answer whose state is not the one this browser's sign-in was sent with, and audits it", async () => {
    const user = members()[4];
    await asClient(user);
    await startPortalMicrosoftSignIn(organizationId);
    expect(await finishPortalMicrosoftSignIn({ code: "stolen", state: "another" })).toEqual({
      letIn: false,
      reason: "microsoft_refused",
    });
    expect((await lastAudit()).summary).toContain("does not carry the state");
  });
});

describe("which organization a work address signs in to", () => {
  it("is the organization whose tenant owns the address's domain", async () => {
    expect(await organizationOfWorkEmail(`someone@${CONTOSO.domain}`)).toBe(organizationId);
  });

  it("is none for an unconnected tenant's address, whoever it is: no one is sent to Microsoft", async () => {
    const stranger = usersOf(FABRIKAM.tenantId).find((u) => u.mail)!;
    expect(await organizationOfWorkEmail(stranger.mail!)).toBeNull();
    expect(await organizationOfWorkEmail(`nobody@${FABRIKAM.domain}`)).toBeNull();
  });
});
