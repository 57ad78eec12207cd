import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, portalAccounts, portalInvitations } from "@/db/schema";

/**
 * Invitations with what says whether one still counts: the client's status and the portal account's; and what
 * its mail needs (the client's name, address and organization). Callers add the `where`.
 */
export const invitationsWithAccount = () =>
  db
    .select({
      invitation: portalInvitations,
      name: clients.displayName,
      mail: clients.mail,
      organizationId: clients.organizationId,
      clientStatus: clients.status,
      accountStatus: portalAccounts.status,
    })
    .from(portalInvitations)
    .innerJoin(clients, eq(clients.id, portalInvitations.clientId))
    .innerJoin(portalAccounts, eq(portalAccounts.clientId, portalInvitations.clientId));
