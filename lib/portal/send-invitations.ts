import "server-only";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { portalInvitations } from "@/db/schema";
import { jobEngineActor } from "@/lib/audit/record";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { sendMail } from "@/lib/mail/send-mail";
import { oneMailAddress } from "@/lib/mail/one-address";
import { invitationToken } from "./invitation-token";
import { invitationMail } from "./invitation-mail";
import { microsoftSignInLinkFor } from "./microsoft-sign-in-setting";
import { invitationsWithAccount } from "./invitation-rows";

const waitingToBeSent = and(
  isNull(portalInvitations.sentAt),
  isNull(portalInvitations.supersededAt),
  isNull(portalInvitations.usedAt),
  isNull(portalInvitations.sendError),
);

export async function countWaitingInvitations() {
  const [{ waiting }] = await db
    .select({ waiting: sql<number>`count(*)::int` })
    .from(portalInvitations)
    .where(waitingToBeSent);
  return waiting;
}

/** A mail server's 5xx answer: the address will never take this mail, so retrying cannot help. */
function refusedForGood(error: unknown) {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

/** "Sent 3 client portal invitations: Ada, Alan, Grace", naming at most five. */
function sentSummary(names: string[]) {
  const shown = names.slice(0, 5).join(", ");
  const more = names.length > 5 ? ` and ${names.length - 5} more` : "";
  return `Sent ${names.length} client portal invitation${names.length === 1 ? "" : "s"}: ${shown}${more}`;
}

type Sent = { id: string; name: string; organizationId: string };

/**
 * The mails that went out: their nonces go (no link can be made again) and the audit log says who got one, an
 * entry per organization (named when there are several).
 */
async function recordSent(sent: Sent[]) {
  if (sent.length === 0) return;
  await db.transaction(async (tx) => {
    await tx
      .update(portalInvitations)
      .set({ nonce: null })
      .where(
        inArray(
          portalInvitations.id,
          sent.map((s) => s.id),
        ),
      );
    for (const organizationId of new Set(sent.map((s) => s.organizationId))) {
      const names = sent.filter((s) => s.organizationId === organizationId).map((s) => s.name);
      await recordAuditEventAbout(
        tx,
        { organizationId },
        jobEngineActor,
        "portal.invitations.sent",
        sentSummary(names),
      );
    }
  });
}

/**
 * Sends up to `limit` invitations that are waiting. Each is claimed (sent_at set, committed) before its
 * mail goes out, so a retried step cannot send it twice. A passing failure gives the claim back and
 * throws (the step is retried); an address refused for good is recorded and skipped.
 */
export async function sendWaitingInvitations(limit = 25) {
  const now = new Date();
  const waiting = await invitationsWithAccount()
    .where(waitingToBeSent)
    .orderBy(asc(portalInvitations.createdAt))
    .limit(limit);
  const sent: Sent[] = [];
  try {
    for (const { invitation, name, mail, organizationId, clientStatus, accountStatus } of waiting) {
      if (
        clientStatus !== "active" ||
        accountStatus !== "invited" ||
        !mail ||
        invitation.expiresAt <= now ||
        !invitation.nonce
      ) {
        await db.update(portalInvitations).set({ supersededAt: now }).where(eq(portalInvitations.id, invitation.id));
        continue;
      }
      const recipient = oneMailAddress(mail);
      if ("problem" in recipient) {
        // Recorded where the client's page shows it, never sent; the nonce goes, so no link can be made from it.
        await db
          .update(portalInvitations)
          .set({ sendError: recipient.problem, nonce: null })
          .where(and(eq(portalInvitations.id, invitation.id), waitingToBeSent));
        continue;
      }
      // The claim re-checks what a revoke or a resend changes, so neither races a dead link out.
      const [claimed] = await db
        .update(portalInvitations)
        .set({ sentAt: now, email: recipient.address })
        .where(and(eq(portalInvitations.id, invitation.id), waitingToBeSent, gt(portalInvitations.expiresAt, now)))
        .returning({ id: portalInvitations.id });
      if (!claimed) continue;
      try {
        await sendMail(
          invitationMail(
            { id: invitation.id, email: recipient.address },
            name,
            invitationToken(invitation.nonce),
            await microsoftSignInLinkFor(invitation.clientId),
          ),
        );
        sent.push({ id: invitation.id, name, organizationId });
      } catch (error) {
        // Refused for good, the invitation is never sent: its nonce goes too, so no working link can be made from it.
        const undo = refusedForGood(error)
          ? {
              sentAt: null,
              nonce: null,
              sendError: `The mail server refused ${recipient.address}: ${(error as Error).message}`.slice(0, 500),
            }
          : { sentAt: null };
        await db.update(portalInvitations).set(undo).where(eq(portalInvitations.id, invitation.id));
        if (!refusedForGood(error)) throw error;
      }
    }
  } finally {
    // Also when a later mail fails: what went out before it is recorded.
    await recordSent(sent);
  }
  return { sent: sent.length, remaining: await countWaitingInvitations() };
}
