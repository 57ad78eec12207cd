import "server-only";
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, portalAccounts, portalInvitations } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";
import { sendJobEvent } from "@/lib/job-engine/send-event";
import { invitationsRequested } from "@/lib/job-engine/events";
import { appendRecordEvents } from "@/lib/history";
import { invitedEvent, newInvitation } from "./create-invitations";
import { hashToken } from "./invitation-token";
import { underSignInLimits, type SignInAttempt } from "@/lib/auth/sign-in-limits";

const oncePer = 10 * 60_000;

/** Why a renewed invitation was sent, as the client's history tells it. */
const newLinkAsked = "the client asked for a new link from an expired or replaced one";

function masked(email: string) {
  const [name, domain] = email.split("@");
  return `${name.slice(0, 1)}${"•".repeat(Math.max(1, name.length - 1))}@${domain}`;
}

/**
 * From an expired or replaced link: a new invitation to the same address (never to one typed in), at most
 * once every ten minutes, while the client is active and their access not revoked. Under the sign-in limits
 * per link and per address: guessing links from one machine is refused like guessing passwords.
 */
export async function requestNewInvitation(oldToken: string, attempt: SignInAttempt) {
  const message = await underSignInLimits(`invitation:${hashToken(oldToken)}`, attempt, () =>
    renewInvitation(oldToken),
  );
  return message!;
}

async function renewInvitation(oldToken: string) {
  const email = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        invitation: portalInvitations,
        clientStatus: clients.status,
        mail: clients.mail,
        organizationId: clients.organizationId,
        account: portalAccounts,
      })
      .from(portalInvitations)
      .innerJoin(clients, eq(clients.id, portalInvitations.clientId))
      .innerJoin(portalAccounts, eq(portalAccounts.clientId, portalInvitations.clientId))
      .where(eq(portalInvitations.tokenHash, hashToken(oldToken)));
    if (!row || row.clientStatus !== "active" || row.account.status === "revoked" || !row.mail) {
      throw new ActionRefused("This link cannot be renewed. Ask your IT team for access to the client portal.");
    }
    if (row.account.status === "active")
      throw new ActionRefused("Your portal account is already set up: sign in instead.");
    const [recent] = await tx
      .select({ id: portalInvitations.id })
      .from(portalInvitations)
      .where(
        and(
          eq(portalInvitations.clientId, row.invitation.clientId),
          gt(portalInvitations.createdAt, new Date(Date.now() - oncePer)),
        ),
      )
      .orderBy(desc(portalInvitations.createdAt))
      .limit(1);
    if (recent) throw new ActionRefused("A new invitation was sent a few minutes ago: check your mailbox.");
    await tx
      .update(portalInvitations)
      .set({ supersededAt: new Date() })
      .where(
        and(
          eq(portalInvitations.clientId, row.invitation.clientId),
          isNull(portalInvitations.usedAt),
          isNull(portalInvitations.supersededAt),
        ),
      );
    await tx.insert(portalInvitations).values(newInvitation(row.invitation.clientId, row.mail));
    const client = { id: row.invitation.clientId, organizationId: row.organizationId };
    await appendRecordEvents(tx, [invitedEvent(client, { reason: newLinkAsked })]);
    return row.mail;
  });
  await sendJobEvent(
    invitationsRequested.create({}, { id: `invitation-renewal-${hashToken(oldToken).slice(0, 16)}-${Date.now()}` }),
    "the invitation waits to be sent",
  );
  return `A new invitation is on its way to ${masked(email)}.`;
}
