import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, portalAccounts, portalInvitations } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";
import { oneMailAddress } from "@/lib/mail/one-address";
import { recordAuditEvent } from "@/lib/audit/record";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { sendJobEvent } from "@/lib/job-engine/send-event";
import { invitationsRequested } from "@/lib/job-engine/events";
import { appendRecordEvents, doneBy } from "@/lib/history";
import { invitedEvent, newInvitation } from "./create-invitations";
import { endPortalSessionsAndLinks } from "./end-access";

export async function portalStatusOf(actor: Actor, clientId: string) {
  authorize(actor, "staff");
  const [account] = await db.select().from(portalAccounts).where(eq(portalAccounts.clientId, clientId));
  const [latest] = await db
    .select({
      sentAt: portalInvitations.sentAt,
      createdAt: portalInvitations.createdAt,
      expiresAt: portalInvitations.expiresAt,
      sendError: portalInvitations.sendError,
      closed: sql<boolean>`${portalInvitations.supersededAt} IS NOT NULL`,
    })
    .from(portalInvitations)
    .where(eq(portalInvitations.clientId, clientId))
    .orderBy(desc(portalInvitations.createdAt))
    .limit(1);
  return { account: account ?? null, lastInvitation: latest ?? null };
}

/** "Resend invitation": a new link (the old one stops working), sent by the job engine. */
export async function resendInvitation(actor: Actor, clientId: string) {
  authorize(actor, "superuser");
  await db.transaction(async (tx) => {
    const [client] = await tx.select().from(clients).where(eq(clients.id, clientId));
    if (!client) throw new ActionRefused("This client no longer exists.");
    if (client.status !== "active")
      throw new ActionRefused(`${client.displayName} is ${client.status}: only active clients can use the portal.`);
    if (!client.mail)
      throw new ActionRefused(`${client.displayName} has no email address in Entra, so no invitation can be sent.`);
    const recipient = oneMailAddress(client.mail);
    if ("problem" in recipient) throw new ActionRefused(recipient.problem);
    const [account] = await tx.select().from(portalAccounts).where(eq(portalAccounts.clientId, clientId)).for("update");
    if (account?.status === "active") throw new ActionRefused(`${client.displayName} already uses the portal.`);
    await tx
      .insert(portalAccounts)
      .values({ clientId })
      .onConflictDoUpdate({
        target: portalAccounts.clientId,
        set: { status: "invited", revokedAt: null, invitedAt: new Date() },
      });
    // The new link is the only way in: earlier links and any session left from earlier access end here.
    await endPortalSessionsAndLinks(tx, clientId);
    await tx.insert(portalInvitations).values(newInvitation(clientId, client.mail));
    await appendRecordEvents(tx, [invitedEvent(client, doneBy(actor))]);
    await recordAuditEvent(
      tx,
      actor,
      "portal.invitation.resent",
      `Sent a new portal invitation to ${client.displayName}`,
    );
  });
  await sendJobEvent(
    invitationsRequested.create({ clientId }, { id: `invitation-${clientId}-${Date.now()}` }),
    "the invitation waits to be sent",
  );
}

/** "Revoke access": signs the client out everywhere at once and stops every open link. */
export async function revokePortalAccess(actor: Actor, clientId: string) {
  authorize(actor, "superuser");
  await db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(portalAccounts)
      .set({ status: "revoked", revokedAt: new Date() })
      .where(eq(portalAccounts.clientId, clientId))
      .returning();
    if (!revoked) throw new ActionRefused("This client has never been invited to the portal.");
    await endPortalSessionsAndLinks(tx, clientId);
    const [client] = await tx
      .select({ name: clients.displayName, organizationId: clients.organizationId })
      .from(clients)
      .where(eq(clients.id, clientId));
    await appendRecordEvents(tx, [
      { organizationId: client.organizationId, clientId, kind: "portal_revoked", ...doneBy(actor) },
    ]);
    await recordAuditEvent(tx, actor, "portal.access.revoked", `Revoked portal access of ${client.name}`);
  });
}
