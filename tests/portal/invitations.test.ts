import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { and, eq, isNotNull } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, portalAccounts, portalInvitations } from "@/db/schema";
import { acceptInvitation, checkInvitation } from "@/lib/portal/accept-invitation";
import { sendWaitingInvitations } from "@/lib/portal/send-invitations";
import { revokePortalAccess } from "@/lib/portal/staff-commands";
import { sendPortalInvitations } from "@/inngest/send-portal-invitations";
import { listSyncRuns } from "@/lib/sync-runs/queries";
import { describeInvitations } from "@/lib/sync-runs/describe-run";
import { listAuditEvents } from "@/lib/audit/queries";
import { getSyncSettings } from "@/lib/connections";
import { startSmtpInbox, type Inbox } from "../support/smtp-inbox";
import { useInngestEventApi } from "../support/inngest-event-api";
import { runSyncFunction, saveSettings, useSyncWorld } from "../sync/sync-harness";
import { soleOrganizationId } from "@/tests/support/database";

const world = useSyncWorld({ users: 120, devices: 10 });
const events = useInngestEventApi();
let inbox: Inbox;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  process.env.SMTP_URL = inbox.url;
  process.env.APP_URL = "https://vertask.example";
});
afterAll(() => inbox.close());

const eligibleClients = () =>
  db
    .select()
    .from(clients)
    .where(and(eq(clients.status, "active"), isNotNull(clients.mail), eq(clients.isExternal, false)));

async function sendAllInvitations() {
  inbox.mails.length = 0;
  const { result } = await new InngestTestEngine({ function: sendPortalInvitations }).execute({
    events: [{ name: "portal/invitations.requested", data: {} }],
  });
  return result as { sent: number };
}

const linkIn = (text: string) => text.match(/https:\/\/vertask\.example\/portal\/accept\?token=([A-Za-z0-9_-]+)/)![1];

describe("portal invitations", () => {
  it("a sync with invitations on invites each eligible client exactly once, through the job engine and SMTP", async () => {
    await saveSettings(world.admin, { inviteToPortal: true, secret: "" });
    await runSyncFunction("users");
    expect(events.map((e) => e.name)).toContain("portal/invitations.requested");
    const eligible = await eligibleClients();
    expect(eligible.length).toBeGreaterThan(20);
    expect(await sendAllInvitations()).toEqual({ sent: eligible.length });
    expect(inbox.mails.map((m) => (m.to as { text: string }).text).sort()).toEqual(eligible.map((c) => c.mail).sort());
    expect(inbox.mails[0].subject).toBe("Your invitation to the Vertask client portal");
    expect(inbox.mails[0].messageId).toMatch(/^<portal-invitation-[0-9a-f-]+@vertask>$/);

    await runSyncFunction("users");
    expect(await sendAllInvitations()).toEqual({ sent: 0 });
    expect(inbox.mails).toHaveLength(0);
  });

  it("the run history counts the invitations a sync made, waiting then sent, and the audit log names who got one", async () => {
    await saveSettings(world.admin, { inviteToPortal: true, secret: "" });
    const { run } = await runSyncFunction("users");
    const eligible = await eligibleClients();
    const [listed] = await listSyncRuns(world.admin, null);
    expect(listed.id).toBe(run.id);
    expect(describeInvitations(listed.invitations)).toBe(`Portal invitations: ${eligible.length} waiting to be sent`);

    await sendAllInvitations();
    const [afterSending] = await listSyncRuns(world.admin, null);
    expect(describeInvitations(afterSending.invitations)).toBe(`Portal invitations: ${eligible.length} sent`);
    const sentRows = (await listAuditEvents(world.admin)).filter((event) => event.action === "portal.invitations.sent");
    expect(sentRows.every((event) => event.actorName === "Vertask (job engine)")).toBe(true);
    const counted = sentRows.map((event) =>
      Number(event.summary.match(/^Sent (\d+) client portal invitations?: /)![1]),
    );
    expect(counted.reduce((a, b) => a + b, 0)).toBe(eligible.length);
    const firstBatch = Math.min(25, eligible.length);
    expect(sentRows.at(-1)!.summary).toMatch(
      new RegExp(`^Sent ${firstBatch} client portal invitations: [^,]+(, [^,]+){4} and ${firstBatch - 5} more$`),
    );

    // A later sync invites nobody new: it counts no invitations of its own.
    await runSyncFunction("users");
    const [again] = await listSyncRuns(world.admin, null);
    expect(again.invitations).toBeNull();
  });

  it("before it is saved on, the settings say how many clients the next users sync would invite", async () => {
    await saveSettings(world.admin, { inviteToPortal: false, secret: "" });
    await runSyncFunction("users");
    expect((await getSyncSettings(world.admin, await soleOrganizationId())).clientsToInvite).toBe(
      (await eligibleClients()).length,
    );
    await saveSettings(world.admin, { inviteToPortal: true, secret: "" });
    expect((await getSyncSettings(world.admin, await soleOrganizationId())).clientsToInvite).toBeNull();
  });

  it("never invites a disabled client, one without a mail address, or a guest while external users are off", async () => {
    await saveSettings(world.admin, { inviteToPortal: true, secret: "" });
    await runSyncFunction("users");
    const invited = new Set((await db.select().from(portalAccounts)).map((a) => a.clientId));
    for (const client of await db.select().from(clients)) {
      const eligible = client.status === "active" && Boolean(client.mail) && !client.isExternal;
      expect(invited.has(client.id), client.displayName).toBe(eligible);
    }
  });

  it("a mail claimed before sending goes out once, even when two senders race or the SMTP server refuses once", async () => {
    await saveSettings(world.admin, { inviteToPortal: true, secret: "" });
    await runSyncFunction("users");
    inbox.mails.length = 0;
    inbox.refuseNext(1);
    await expect(sendWaitingInvitations(5)).rejects.toThrow();
    expect(await db.select().from(portalInvitations).where(isNotNull(portalInvitations.sentAt))).toHaveLength(0);
    await Promise.all([sendWaitingInvitations(1000), sendWaitingInvitations(1000)]);
    const to = inbox.mails.map((m) => (m.to as { text: string }).text);
    expect(to.length).toBe((await eligibleClients()).length);
    expect(new Set(to).size).toBe(to.length);
  });

  it("the link's token is random, stored only as a hash, works once and for 7 days", async () => {
    await saveSettings(world.admin, { inviteToPortal: true, secret: "" });
    await runSyncFunction("users");
    await sendAllInvitations();
    const token = linkIn(inbox.mails[0].text!);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    const stored = JSON.stringify(await db.select().from(portalInvitations));
    expect(stored).not.toContain(token);

    const eightDaysOn = new Date(Date.now() + 8 * 86_400_000);
    expect(await checkInvitation(token, eightDaysOn)).toEqual({ state: "expired" });
    expect(await checkInvitation(token)).toMatchObject({ state: "valid" });
    await acceptInvitation(token, "a long enough password", { clientAddress: null });
    expect(await checkInvitation(token)).toEqual({ state: "used" });
    await expect(acceptInvitation(token, "another long password", { clientAddress: null })).rejects.toThrow(
      /no longer works/,
    );
    expect(await checkInvitation("x".repeat(43))).toEqual({ state: "invalid" });
  });
});

describe("revoking while a link is being used", () => {
  it("a revoke wins over an invitation accepted at the same moment", async () => {
    await saveSettings(world.admin, { inviteToPortal: true, secret: "" });
    await runSyncFunction("users");
    await sendAllInvitations();
    const token = linkIn(inbox.mails[0].text!);
    expect(await checkInvitation(token)).toMatchObject({ state: "valid" });
    const [sent] = await db
      .select()
      .from(portalInvitations)
      .where(eq(portalInvitations.email, (inbox.mails[0].to as { text: string }).text));
    await revokePortalAccess(world.admin, sent.clientId);
    await expect(acceptInvitation(token, "a long enough password", { clientAddress: null })).rejects.toThrow(
      /no longer works/,
    );
    const [account] = await db.select().from(portalAccounts).where(eq(portalAccounts.clientId, sent.clientId));
    expect(account).toMatchObject({ status: "revoked", passwordHash: null });
  });
});
