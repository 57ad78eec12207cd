// Who a Microsoft sign-in lets into the client portal: only an active synced member of a connected organization, by
// the token's tenant and object id, with portal access and the organization's setting in force. Everyone else gets
// the same refusal; only the audit log says why.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { desc, eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { auditEvents, clients, entraConnections, portalAccounts, type Client } from "@/db/schema";
import { signInPortalClientWithMicrosoft } from "@/lib/portal/microsoft-sign-in-match";
import {
  microsoftSignInLinkFor,
  portalRedirectUri,
  savePortalSignInSetting,
} from "@/lib/portal/microsoft-sign-in-setting";
import { invitationMail } from "@/lib/portal/invitation-mail";
import { findPortalClientForSession } from "@/lib/session/current-client";
import { CONTOSO, FABRIKAM } from "@/tests/fake-entra/default-tenants";
import { createActor, resetDatabase } from "../support/database";
import { connectOrganization, organizationId } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

let admin: Actor;
let contoso: { organizationId: string; connectionId: string };

beforeAll(() => {
  process.env.APP_URL = "https://vertask.example";
});
beforeEach(async () => {
  await resetDatabase();
  admin = await createActor("superuser");
  const { organizationId, connection } = await connectOrganization("Contoso", CONTOSO);
  contoso = { organizationId, connectionId: connection.id };
  await savePortalSignInSetting(admin, organizationId, { enabled: true, registered: true });
});
afterAll(closeDatabase);

let objects = 0;
/** A client synced from Contoso's tenant, with portal access in `account` (none when null). */
async function syncedClient(fields: Partial<Client> = {}, account: "active" | "invited" | "revoked" | null = "active") {
  const objectId = `00000000-0000-4000-8000-${String(++objects).padStart(12, "0")}`;
  const [client] = await db
    .insert(clients)
    .values({
      organizationId: contoso.organizationId,
      connectionId: contoso.connectionId,
      entraObjectId: objectId,
      source: "azure",
      displayName: `Person ${objects}`,
      mail: `person${objects}@contoso.example`,
      ...fields,
    })
    .returning();
  if (account) await db.insert(portalAccounts).values({ clientId: client.id, status: account });
  return { client, identity: { organizationId: contoso.organizationId, tenantId: CONTOSO.tenantId, objectId } };
}

const lastAudit = async () => (await db.select().from(auditEvents).orderBy(desc(auditEvents.at)).limit(1))[0];

describe("a Microsoft sign-in to the client portal", () => {
  it("lets in an active synced client with portal access, as a session the portal accepts", async () => {
    const { client, identity } = await syncedClient();
    const outcome = await signInPortalClientWithMicrosoft(identity);
    expect(outcome).toMatchObject({ letIn: true, client: { id: client.id, name: client.displayName } });
    if (!outcome.letIn) return;
    const session = { portalClientId: outcome.client.id, sessionVersion: outcome.client.sessionVersion };
    expect(await findPortalClientForSession(session)).toMatchObject({ clientId: client.id });
    const [account] = await db.select().from(portalAccounts).where(eq(portalAccounts.clientId, client.id));
    expect(account.microsoftSignedInAt).not.toBeNull();
    expect((await lastAudit()).summary).toBe(`${client.displayName} signed in to the client portal with Microsoft`);
  });

  it("makes an invited client's access active: the invitation mail's Microsoft button needs no password", async () => {
    const { client, identity } = await syncedClient({}, "invited");
    expect(await signInPortalClientWithMicrosoft(identity)).toMatchObject({ letIn: true });
    const [account] = await db.select().from(portalAccounts).where(eq(portalAccounts.clientId, client.id));
    expect(account.status).toBe("active");
  });

  it("matches the tenant id in any case, as Entra may write a GUID", async () => {
    const { identity } = await syncedClient();
    expect(
      await signInPortalClientWithMicrosoft({ ...identity, tenantId: identity.tenantId.toUpperCase() }),
    ).toMatchObject({
      letIn: true,
    });
  });

  const refusals: [string, () => Promise<{ organizationId: string; tenantId: string; objectId: string }>, string][] = [
    [
      "a guest",
      async () => (await syncedClient({ isExternal: true, userType: "Guest" })).identity,
      "guest or external",
    ],
    ["a removed client", async () => (await syncedClient({ status: "removed" })).identity, "disabled or removed"],
    [
      "a disabled client",
      async () => (await syncedClient({ status: "disabled", accountEnabled: false })).identity,
      "disabled or removed",
    ],
    ["a client whose access was revoked", async () => (await syncedClient({}, "revoked")).identity, "no portal access"],
    ["a client never invited", async () => (await syncedClient({}, null)).identity, "no portal access"],
    [
      "someone of the tenant who is no client",
      async () => ({ organizationId: contoso.organizationId, tenantId: CONTOSO.tenantId, objectId: "0000-unknown" }),
      "no synced client",
    ],
    [
      "a user of an unconnected tenant with the same object id as a client",
      async () => ({ ...(await syncedClient()).identity, tenantId: FABRIKAM.tenantId }),
      "no connected organization",
    ],
  ];
  for (const [who, identityOf, why] of refusals) {
    it(`refuses ${who}, and the audit log says why`, async () => {
      const identity = await identityOf();
      expect(await signInPortalClientWithMicrosoft(identity)).toMatchObject({ letIn: false });
      expect((await lastAudit()).summary).toContain(why);
    });
  }

  it("never goes by mail: a client added by hand with the same address is not let in", async () => {
    const { client } = await syncedClient({}, null);
    const [byHand] = await db
      .insert(clients)
      .values({
        organizationId: await organizationId("Contoso"),
        source: "manual",
        displayName: "By hand",
        mail: client.mail,
      })
      .returning();
    await db.insert(portalAccounts).values({ clientId: byHand.id, status: "active" });
    expect(
      await signInPortalClientWithMicrosoft({
        organizationId: contoso.organizationId,
        tenantId: CONTOSO.tenantId,
        objectId: byHand.id,
      }),
    ).toMatchObject({
      letIn: false,
    });
  });

  it("refuses everyone while the setting is off, or once the connection's app is another than the one registered", async () => {
    const { identity } = await syncedClient();
    await savePortalSignInSetting(admin, contoso.organizationId, { enabled: false, registered: true });
    expect(await signInPortalClientWithMicrosoft(identity)).toMatchObject({ letIn: false });

    await savePortalSignInSetting(admin, contoso.organizationId, { enabled: true, registered: true });
    await db
      .update(entraConnections)
      .set({ clientId: "11111111-2222-4333-8444-555555555555" })
      .where(eq(entraConnections.id, contoso.connectionId));
    expect(await signInPortalClientWithMicrosoft(identity)).toMatchObject({ letIn: false });
  });

  it("is in force only once the redirect URI shown is registered, for this app and this address", async () => {
    await savePortalSignInSetting(admin, contoso.organizationId, { enabled: true, registered: false });
    const { identity } = await syncedClient();
    expect(await signInPortalClientWithMicrosoft(identity)).toMatchObject({ letIn: false });
    await savePortalSignInSetting(admin, contoso.organizationId, { enabled: true, registered: true });
    expect(portalRedirectUri()).toBe("https://vertask.example/portal/signin/microsoft/callback");
    process.env.APP_URL = "https://portal.vertask.example";
    try {
      expect(await signInPortalClientWithMicrosoft(identity)).toMatchObject({ letIn: false });
    } finally {
      process.env.APP_URL = "https://vertask.example";
    }
  });
});

describe("the invitation mail", () => {
  const mailFor = async (clientId: string) =>
    invitationMail({ id: "i", email: "x@contoso.example" }, "X", "token", await microsoftSignInLinkFor(clientId));

  it("offers Sign in with Microsoft to a synced member, naming the organization, and a password as the other way", async () => {
    const { client } = await syncedClient({}, "invited");
    const mail = await mailFor(client.id);
    expect(mail.text).toContain(
      `Sign in with Microsoft, with the work account you already use:\nhttps://vertask.example/portal/signin?organization=${contoso.organizationId}`,
    );
    expect(mail.text).toContain(
      "Or set a password here (the link works once, for 7 days):\nhttps://vertask.example/portal/accept?token=token",
    );
  });

  it("offers only a password to a guest, to a client added by hand, and while the setting is off", async () => {
    const { client: guest } = await syncedClient({ isExternal: true }, "invited");
    const [byHand] = await db
      .insert(clients)
      .values({ organizationId: contoso.organizationId, source: "manual", displayName: "By hand", mail: "h@x.example" })
      .returning();
    const { client: member } = await syncedClient({}, "invited");
    await savePortalSignInSetting(admin, contoso.organizationId, { enabled: false, registered: true });
    for (const id of [guest.id, byHand.id, member.id]) {
      const mail = await mailFor(id);
      expect(mail.text).not.toContain("Sign in with Microsoft");
      expect(mail.text).toContain("Set your password here");
    }
  });
});
