import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, portalAccounts, portalInvitations } from "@/db/schema";
import { sendMail } from "@/lib/mail/send-mail";
import { invitationToken } from "./invitation-token";
import { invitationMail } from "./invitation-mail";

/**
 * Sends up to `limit` invitations that are waiting. Each is claimed (sent_at set, committed) before its
 * mail goes out, so a retried step cannot send it twice; a failed send gives the claim back and throws.
 */
export async function sendWaitingInvitations(limit = 25) {
  const waiting = await db
    .select({ invitation: portalInvitations, name: clients.displayName, clientStatus: clients.status, accountStatus: portalAccounts.status })
    .from(portalInvitations)
    .innerJoin(clients, eq(clients.id, portalInvitations.clientId))
    .innerJoin(portalAccounts, eq(portalAccounts.clientId, portalInvitations.clientId))
    .where(and(isNull(portalInvitations.sentAt), isNull(portalInvitations.supersededAt), isNull(portalInvitations.usedAt)))
    .orderBy(asc(portalInvitations.createdAt))
    .limit(limit);
  let sent = 0;
  for (const { invitation, name, clientStatus, accountStatus } of waiting) {
    if (clientStatus !== "active" || accountStatus === "revoked") {
      await db.update(portalInvitations).set({ supersededAt: new Date() }).where(eq(portalInvitations.id, invitation.id));
      continue;
    }
    const [claimed] = await db
      .update(portalInvitations)
      .set({ sentAt: new Date() })
      .where(and(eq(portalInvitations.id, invitation.id), isNull(portalInvitations.sentAt)))
      .returning({ id: portalInvitations.id });
    if (!claimed) continue;
    try {
      await sendMail(invitationMail(invitation, name, invitationToken(invitation.nonce)));
      sent++;
    } catch (error) {
      await db.update(portalInvitations).set({ sentAt: null }).where(eq(portalInvitations.id, invitation.id));
      throw error;
    }
  }
  const [{ remaining }] = await db
    .select({ remaining: sql<number>`count(*)::int` })
    .from(portalInvitations)
    .where(and(isNull(portalInvitations.sentAt), isNull(portalInvitations.supersededAt), isNull(portalInvitations.usedAt)));
  return { sent, remaining };
}
