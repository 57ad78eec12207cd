import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { clients, portalAccounts, portalInvitations, type EntraConnection } from "@/db/schema";
import { appendRecordEvents } from "@/lib/history";
import { hashToken, invitationLifetimeMs, invitationToken, newInvitationNonce } from "./invitation-token";

/** A new, unsent invitation for this client; the mail goes out from the job engine. */
export function newInvitation(clientId: string, email: string, now = new Date(), syncRunId: string | null = null) {
  const nonce = newInvitationNonce();
  return {
    clientId,
    syncRunId,
    email,
    nonce,
    tokenHash: hashToken(invitationToken(nonce)),
    expiresAt: new Date(now.getTime() + invitationLifetimeMs),
  };
}

/**
 * "Portal invitation sent", told in the client's history as the invitation is made, in its transaction: from
 * then on the job engine sends it once (a mail server refusing it for good shows on the client's page). Names
 * the run, the staff member or the reason that made it.
 */
export const invitedEvent = (
  client: { id: string; organizationId: string },
  by: { runId: string } | { staffId: string; staffName: string } | { reason: string },
) => ({ organizationId: client.organizationId, clientId: client.id, kind: "portal_invited" as const, ...by });

/**
 * Who may use the portal and has never been invited: an active client of this connection synced from Entra,
 * with a mail address, and not a guest unless "Sync external users" is on.
 */
function uninvitedEligible(connection: Pick<EntraConnection, "id" | "syncExternalUsers">) {
  return and(
    eq(clients.connectionId, connection.id),
    eq(clients.source, "azure"),
    eq(clients.status, "active"),
    sql`${clients.mail} IS NOT NULL AND ${clients.mail} <> ''`,
    connection.syncExternalUsers ? undefined : eq(clients.isExternal, false),
    isNull(portalAccounts.clientId),
  );
}

/** How many clients already synced the next users sync would invite, were "Invite synced users" on. */
export async function countClientsToInvite(connection: Pick<EntraConnection, "id" | "syncExternalUsers">) {
  const [{ total }] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(clients)
    .leftJoin(portalAccounts, eq(portalAccounts.clientId, clients.id))
    .where(uninvitedEligible(connection));
  return total;
}

/**
 * Invites every client of this connection who may use the portal and has never been invited. One account per client means
 * one invitation per client, however many syncs run. Each invitation names the run, whose history counts them;
 * a run held for review does not invite the clients it would disable or remove.
 */
export async function inviteEligibleClients(
  tx: Transaction,
  connection: EntraConnection,
  run: { id: string; held: boolean },
) {
  if (!connection.inviteToPortal) return 0;
  const eligible = await tx
    .select({ id: clients.id, mail: clients.mail, organizationId: clients.organizationId })
    .from(clients)
    .leftJoin(portalAccounts, eq(portalAccounts.clientId, clients.id))
    .where(
      and(
        uninvitedEligible(connection),
        run.held
          ? sql`NOT EXISTS (SELECT 1 FROM sync_pending_changes p WHERE p.run_id = ${run.id} AND p.entra_object_id = ${clients.entraObjectId})`
          : undefined,
      ),
    );
  let total = 0;
  for (let start = 0; start < eligible.length; start += 1000) {
    const batch = eligible.slice(start, start + 1000);
    const accounts = await tx
      .insert(portalAccounts)
      .values(batch.map((client) => ({ clientId: client.id })))
      .onConflictDoNothing()
      .returning({ clientId: portalAccounts.clientId });
    const created = new Set(accounts.map((a) => a.clientId));
    const invited = batch.filter((client) => created.has(client.id));
    const invitations = invited.map((client) => newInvitation(client.id, client.mail!, new Date(), run.id));
    if (invitations.length) await tx.insert(portalInvitations).values(invitations);
    await appendRecordEvents(
      tx,
      invited.map((client) => invitedEvent(client, { runId: run.id })),
    );
    total += invitations.length;
  }
  return total;
}
