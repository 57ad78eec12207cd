import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, portalAccounts, portalInvitations } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";
import { appendRecordEvents } from "@/lib/history";
import { hashToken } from "./invitation-token";
import { invitationsWithAccount } from "./invitation-rows";
import { hashPassword } from "@/lib/auth/passwords";
import { underSignInLimits, type SignInAttempt } from "@/lib/auth/sign-in-limits";

export type InvitationCheck =
  { state: "valid"; name: string; email: string } | { state: "expired" | "used" | "replaced" | "invalid" };

async function findInvitation(token: string) {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await invitationsWithAccount().where(eq(portalInvitations.tokenHash, hashToken(token)));
  return row ?? null;
}

/** What the link's page should say: set a password, or why the link no longer works. */
export async function checkInvitation(token: string, now = new Date()): Promise<InvitationCheck> {
  const row = await findInvitation(token);
  if (!row || row.clientStatus !== "active" || row.accountStatus === "revoked") return { state: "invalid" };
  if (row.invitation.usedAt) return { state: "used" };
  if (row.invitation.supersededAt) return { state: "replaced" };
  if (row.invitation.expiresAt <= now) return { state: "expired" };
  return { state: "valid", name: row.name, email: row.invitation.email };
}

/**
 * Sets the client's portal password; the link works once, and only while every condition still holds. Under the
 * sign-in limits per link and per address, checked before the password is hashed.
 */
export async function acceptInvitation(token: string, password: string, attempt: SignInAttempt) {
  const now = attempt.now ?? new Date();
  return underSignInLimits(`invitation:${hashToken(token)}`, attempt, () => setPortalPassword(token, password, now));
}

async function setPortalPassword(token: string, password: string, now: Date) {
  const check = await checkInvitation(token, now);
  if (check.state !== "valid")
    throw new ActionRefused("This invitation link no longer works: ask for a new one below.");
  const passwordHash = await hashPassword(password);
  const refused = () => new ActionRefused("This invitation link no longer works: ask for a new one below.");
  return db.transaction(async (tx) => {
    // Checked again inside the writes: a revoke or a resend during the password hash wins.
    const [used] = await tx
      .update(portalInvitations)
      .set({ usedAt: now })
      .where(
        and(
          eq(portalInvitations.tokenHash, hashToken(token)),
          isNull(portalInvitations.usedAt),
          isNull(portalInvitations.supersededAt),
          gt(portalInvitations.expiresAt, now),
        ),
      )
      .returning();
    if (!used) throw refused();
    const [activated] = await tx
      .update(portalAccounts)
      .set({ status: "active", passwordHash, activatedAt: now })
      .where(
        and(
          eq(portalAccounts.clientId, used.clientId),
          eq(portalAccounts.status, "invited"),
          sql`EXISTS (SELECT 1 FROM clients WHERE id = ${used.clientId} AND status = 'active')`,
        ),
      )
      .returning({ clientId: portalAccounts.clientId, sessionVersion: portalAccounts.sessionVersion });
    if (!activated) throw refused();
    const [client] = await tx
      .select({ organizationId: clients.organizationId })
      .from(clients)
      .where(eq(clients.id, activated.clientId));
    await appendRecordEvents(tx, [
      { organizationId: client.organizationId, clientId: activated.clientId, kind: "portal_accepted" },
    ]);
    return {
      clientId: activated.clientId,
      name: check.name,
      email: used.email,
      sessionVersion: activated.sessionVersion,
    };
  });
}
