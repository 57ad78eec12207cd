import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, portalAccounts, portalInvitations } from "@/db/schema";
import { newInvitation } from "@/lib/portal/create-invitations";
import { sendWaitingInvitations } from "@/lib/portal/send-invitations";
import { portalStatusOf, resendInvitation } from "@/lib/portal/staff-commands";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";
import { startSmtpInbox, type Inbox } from "../support/smtp-inbox";
import type { Actor } from "@/lib/auth/authorize";

let inbox: Inbox;
let admin: Actor;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  process.env.APP_URL = "https://vertask.example";
});
afterAll(async () => {
  await inbox.close();
  await closeDatabase();
});
beforeEach(async () => {
  await resetDatabase();
  inbox.mails.length = 0;
  admin = await createActor("superuser");
});

/** An active client with an invitation waiting to be sent, as a sync with invitations on leaves it. */
async function invitedClient(mail: string) {
  const [client] = await db
    .insert(clients)
    .values({ organizationId: await organizationId(), displayName: "Ada Lovelace", mail, source: "manual" })
    .returning();
  await db.insert(portalAccounts).values({ clientId: client.id });
  await db.insert(portalInvitations).values(newInvitation(client.id, mail));
  return client.id;
}

const invitationOf = async (clientId: string) =>
  (await db.select().from(portalInvitations).where(eq(portalInvitations.clientId, clientId)))[0];

describe("an invitation goes to exactly one address", () => {
  for (const mail of [
    "ada@contoso.example; bob@fabrikam.example",
    "ada@contoso.example,bob@fabrikam.example",
    "ada@contoso.example bob@fabrikam.example",
  ]) {
    it(`"${mail}" is refused with the reason on the client's page, and nothing is sent to either address`, async () => {
      const clientId = await invitedClient(mail);
      expect(await sendWaitingInvitations()).toEqual({ sent: 0, remaining: 0 });
      expect(inbox.mails).toHaveLength(0);
      const { lastInvitation } = await portalStatusOf(admin, clientId);
      expect(lastInvitation?.sendError).toContain("holds more than one address");
      expect(lastInvitation?.sentAt).toBeNull();
      expect((await invitationOf(clientId)).nonce).toBeNull();
      await expect(resendInvitation(admin, clientId)).rejects.toThrow("holds more than one address");
    });
  }

  it("a value that is no address at all is refused the same way", async () => {
    const clientId = await invitedClient("ada at contoso");
    await sendWaitingInvitations();
    expect(inbox.mails).toHaveLength(0);
    expect((await portalStatusOf(admin, clientId)).lastInvitation?.sendError).toContain("is not a valid email address");
  });

  it("a single address, spaces around it, is sent to that address alone", async () => {
    const clientId = await invitedClient("  ada@contoso.example ");
    expect(await sendWaitingInvitations()).toMatchObject({ sent: 1 });
    expect(inbox.mails.map((m) => (m.to as { text: string }).text)).toEqual(["ada@contoso.example"]);
    expect(await invitationOf(clientId)).toMatchObject({ email: "ada@contoso.example", nonce: null, sendError: null });
  });
});

describe("an address the mail server refuses for good", () => {
  it("records the refusal, clears the nonce so no link can be made again, and is not retried", async () => {
    inbox.refuseAddress("gone@contoso.example");
    const clientId = await invitedClient("gone@contoso.example");
    expect((await invitationOf(clientId)).nonce).not.toBeNull();
    expect(await sendWaitingInvitations()).toEqual({ sent: 0, remaining: 0 });
    const invitation = await invitationOf(clientId);
    expect(invitation).toMatchObject({ nonce: null, sentAt: null });
    expect(invitation.sendError).toMatch(/^The mail server refused gone@contoso\.example/);
    expect(inbox.mails).toHaveLength(0);
  });
});
