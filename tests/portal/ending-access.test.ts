// What ends a client's portal access: a revoke, a new invitation, and a new mail for a client added by hand each
// void the new-password links already mailed and end the sessions already open.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { portalAccounts, portalInvitations } from "@/db/schema";
import { addClient, editClient } from "@/lib/clients/commands";
import { clientFields } from "@/lib/clients/client-fields";
import { hashPassword } from "@/lib/auth/passwords";
import { acceptInvitation, checkInvitation } from "@/lib/portal/accept-invitation";
import {
  checkPasswordResetLink,
  requestPasswordResetLink,
  setPasswordFromResetLink,
} from "@/lib/portal/password-reset";
import { sendWaitingInvitations } from "@/lib/portal/send-invitations";
import { findPortalClientBySignIn } from "@/lib/portal/sign-in";
import { resendInvitation, revokePortalAccess } from "@/lib/portal/staff-commands";
import { findPortalClientForSession, type PortalSession } from "@/lib/session/current-client";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";
import { useInngestEventApi } from "../support/inngest-event-api";
import { startSmtpInbox, type Inbox } from "../support/smtp-inbox";
import type { Actor } from "@/lib/auth/authorize";

useInngestEventApi();
let inbox: Inbox;
let admin: Actor;
const password = "a long enough password";
const fromNowhere = { clientAddress: null };

beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  process.env.APP_URL = "https://vertask.example";
});
beforeEach(async () => {
  await resetDatabase();
  await organizationId();
  admin = await createActor("superuser");
  inbox.mails.length = 0;
});
afterAll(async () => {
  await inbox.close();
  await closeDatabase();
});

/** A client added by hand who uses the portal: signed in (the session next-auth would carry), with a new-password link mailed. */
async function portalUserWithOpenLink(mail = "hana@client.example") {
  const { id } = await addClient(admin, clientFields.parse({ name: "Hana Hand", mail }), null);
  await db
    .insert(portalAccounts)
    .values({ clientId: id, status: "active", passwordHash: await hashPassword(password), activatedAt: new Date() });
  const signedIn = (await findPortalClientBySignIn(mail, password, fromNowhere))!;
  const session: PortalSession = { portalClientId: signedIn.id, sessionVersion: signedIn.sessionVersion };
  expect(await findPortalClientForSession(session)).toMatchObject({ clientId: id });
  const resetToken = await mailedLink(() => requestPasswordResetLink(mail, fromNowhere), "new-password");
  expect(await checkPasswordResetLink(resetToken)).toMatchObject({ name: "Hana Hand" });
  return { id, session, resetToken };
}

/** Runs `send` and waits for the mail it sends, returning the token of its link to /portal/<page>. */
async function mailedLink(send: () => Promise<unknown>, page: "new-password" | "accept") {
  const before = inbox.mails.length;
  await send();
  for (let waited = 0; inbox.mails.length === before && waited < 5000; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const text = inbox.mails.at(-1)!.text!;
  return text.match(new RegExp(`/portal/${page}\\?token=([A-Za-z0-9_-]+)`))![1];
}

describe("revoking and re-inviting portal access", () => {
  it("revoking voids the new-password link: after a new invitation is accepted, neither that link nor the old session works", async () => {
    const { id, session, resetToken } = await portalUserWithOpenLink();
    await revokePortalAccess(admin, id);
    expect(await findPortalClientForSession(session)).toBeNull();

    await resendInvitation(admin, id);
    const invitationToken = await mailedLink(() => sendWaitingInvitations(), "accept");
    await acceptInvitation(invitationToken, "a brand new password 7", fromNowhere);
    expect(
      await db.select({ status: portalAccounts.status }).from(portalAccounts).where(eq(portalAccounts.clientId, id)),
    ).toEqual([{ status: "active" }]);

    expect(await checkPasswordResetLink(resetToken)).toBeNull();
    await expect(setPasswordFromResetLink(resetToken, "an attacker's password 1", fromNowhere)).rejects.toThrow(
      "This link no longer works",
    );
    expect(await findPortalClientForSession(session)).toBeNull();
    expect(await findPortalClientBySignIn("hana@client.example", "a brand new password 7", fromNowhere)).toMatchObject({
      id,
    });
  });

  it("a new invitation ends the sessions and closes the links of the access before it", async () => {
    const { id } = await addClient(
      admin,
      clientFields.parse({ name: "Ivo Invited", mail: "ivo@client.example" }),
      null,
    );
    await resendInvitation(admin, id);
    const firstLink = await mailedLink(() => sendWaitingInvitations(), "accept");
    const [before] = await db.select().from(portalAccounts).where(eq(portalAccounts.clientId, id));
    await resendInvitation(admin, id);
    const [after] = await db.select().from(portalAccounts).where(eq(portalAccounts.clientId, id));
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await findPortalClientForSession({ portalClientId: id, sessionVersion: before.sessionVersion })).toBeNull();
    expect(await checkInvitation(firstLink)).toEqual({ state: "replaced" });
  });
});

describe("changing the mail of a client added by hand", () => {
  it("voids the new-password link and the open invitation mailed to the old address, and ends the open sessions", async () => {
    const { id, session, resetToken } = await portalUserWithOpenLink();
    const [invitation] = await db
      .insert(portalInvitations)
      .values({
        clientId: id,
        email: "hana@client.example",
        tokenHash: "not-a-real-hash",
        expiresAt: new Date(Date.now() + 86_400_000),
      })
      .returning();

    await editClient(admin, id, { mail: "hana.new@client.example" });

    expect(await findPortalClientForSession(session)).toBeNull();
    expect(await checkPasswordResetLink(resetToken)).toBeNull();
    await expect(setPasswordFromResetLink(resetToken, "an attacker's password 1", fromNowhere)).rejects.toThrow(
      "This link no longer works",
    );
    const [closed] = await db.select().from(portalInvitations).where(eq(portalInvitations.id, invitation.id));
    expect(closed.supersededAt).toBeInstanceOf(Date);
    // The client signs in again at the new address with the password they have.
    const again = await findPortalClientBySignIn("hana.new@client.example", password, fromNowhere);
    expect(
      await findPortalClientForSession({ portalClientId: again!.id, sessionVersion: again!.sessionVersion }),
    ).toMatchObject({ clientId: id });
  });

  it("an edit that leaves the mail as it is (phone, notes) keeps the session and the link", async () => {
    const { id, session, resetToken } = await portalUserWithOpenLink();
    await editClient(admin, id, {
      phone: "+41 44 555 01 02",
      notes: "Prefers phone calls.",
      mail: "hana@client.example",
    });
    expect(await findPortalClientForSession(session)).toMatchObject({ clientId: id });
    expect(await checkPasswordResetLink(resetToken)).toMatchObject({ name: "Hana Hand" });
  });
});
