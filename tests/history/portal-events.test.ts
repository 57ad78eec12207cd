// What a client's history tells of its portal access: each invitation (by the sync that made it, a staff member,
// or the client asking for a new link), its acceptance, and a revoke by a staff member.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { portalInvitations, recordEvents } from "@/db/schema";
import { sendPortalInvitations } from "@/inngest/send-portal-invitations";
import { acceptInvitation } from "@/lib/portal/accept-invitation";
import { requestNewInvitation } from "@/lib/portal/request-new-invitation";
import { resendInvitation, revokePortalAccess } from "@/lib/portal/staff-commands";
import { startSmtpInbox, type Inbox } from "../support/smtp-inbox";
import { useInngestEventApi } from "../support/inngest-event-api";
import { runSyncFunction, saveSettings, useSyncWorld } from "../sync/sync-harness";

const world = useSyncWorld({ users: 30, devices: 0 });
useInngestEventApi();
let inbox: Inbox;
const fromNowhere = { clientAddress: null };

beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  process.env.APP_URL = "https://vertask.example";
});
afterAll(() => inbox.close());

const portalKinds = ["portal_invited", "portal_accepted", "portal_revoked"] as const;
const portalHistoryOf = (clientId: string) =>
  db
    .select({
      kind: recordEvents.kind,
      runId: recordEvents.runId,
      staffName: recordEvents.staffName,
      reason: recordEvents.reason,
    })
    .from(recordEvents)
    .where(and(eq(recordEvents.clientId, clientId), inArray(recordEvents.kind, [...portalKinds])))
    .orderBy(asc(recordEvents.id));

async function sendAllInvitations() {
  inbox.mails.length = 0;
  await new InngestTestEngine({ function: sendPortalInvitations }).execute({
    events: [{ name: "portal/invitations.requested", data: {} }],
  });
}

/** The first mailed link's token and the client it went to. */
async function firstMailedLink() {
  const token = inbox.mails[0].text!.match(/\/portal\/accept\?token=([A-Za-z0-9_-]+)/)![1];
  const to = (inbox.mails[0].to as { text: string }).text;
  const [invitation] = await db.select().from(portalInvitations).where(eq(portalInvitations.email, to));
  return { token, clientId: invitation.clientId };
}

async function syncThatInvites() {
  await saveSettings(world.admin, { inviteToPortal: true, secret: "" });
  return (await runSyncFunction("users")).run;
}

describe("portal steps in a client's history", () => {
  it("a sync that invites tells each invited client once, naming the run; the next sync tells nothing more", async () => {
    const run = await syncThatInvites();
    const invited = await db.select({ clientId: portalInvitations.clientId }).from(portalInvitations);
    expect(invited.length).toBeGreaterThan(10);
    const told = await db.select().from(recordEvents).where(eq(recordEvents.kind, "portal_invited"));
    expect(told.map((e) => e.clientId).sort()).toEqual(invited.map((i) => i.clientId).sort());
    expect(told.every((e) => e.runId === run.id && e.staffId === null)).toBe(true);

    await runSyncFunction("users");
    expect(await db.select().from(recordEvents).where(eq(recordEvents.kind, "portal_invited"))).toHaveLength(
      told.length,
    );
  });

  it("accepted, then revoked by a staff member: each appears once, the revoke naming who did it", async () => {
    const run = await syncThatInvites();
    await sendAllInvitations();
    const { token, clientId } = await firstMailedLink();
    await acceptInvitation(token, "a long enough password", fromNowhere);
    await revokePortalAccess(world.admin, clientId);
    expect(await portalHistoryOf(clientId)).toEqual([
      { kind: "portal_invited", runId: run.id, staffName: null, reason: null },
      { kind: "portal_accepted", runId: null, staffName: null, reason: null },
      { kind: "portal_revoked", runId: null, staffName: "Sam Admin", reason: null },
    ]);
  });

  it("a link that no longer works accepts nothing and tells nothing", async () => {
    await syncThatInvites();
    await sendAllInvitations();
    const { token, clientId } = await firstMailedLink();
    await revokePortalAccess(world.admin, clientId);
    await expect(acceptInvitation(token, "a long enough password", fromNowhere)).rejects.toThrow(/no longer works/);
    expect((await portalHistoryOf(clientId)).map((e) => e.kind)).toEqual(["portal_invited", "portal_revoked"]);
  });

  it("a new invitation sent by a staff member names them; one the client asked for from an expired link says so", async () => {
    await syncThatInvites();
    await sendAllInvitations();
    const { token, clientId } = await firstMailedLink();
    // The link has expired, and the last invitation is older than the ten minutes between two renewals.
    await db
      .update(portalInvitations)
      .set({ expiresAt: sql`now() - interval '1 day'`, createdAt: sql`now() - interval '8 days'` })
      .where(eq(portalInvitations.clientId, clientId));
    await requestNewInvitation(token, fromNowhere);
    await db
      .update(portalInvitations)
      .set({ createdAt: sql`now() - interval '1 hour'` })
      .where(eq(portalInvitations.clientId, clientId));
    await resendInvitation(world.admin, clientId);
    expect((await portalHistoryOf(clientId)).slice(1)).toEqual([
      {
        kind: "portal_invited",
        runId: null,
        staffName: null,
        reason: "the client asked for a new link from an expired or replaced one",
      },
      { kind: "portal_invited", runId: null, staffName: "Sam Admin", reason: null },
    ]);
  });
});
