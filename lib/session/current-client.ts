import "server-only";
import { cache } from "react";
import { and, eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/db/client";
import { clients, portalAccounts } from "@/db/schema";
import { authOptions } from "@/lib/session/options";

export type PortalClient = { clientId: string; name: string };
export type PortalSession = { portalClientId?: string; sessionVersion?: number };

/**
 * The client a portal session belongs to, checked against the database every time: a client disabled or removed
 * in Entra, or whose access was revoked, re-invited or mail changed since (a raised session version), is out.
 */
export async function findPortalClientForSession(
  session: PortalSession | null | undefined,
): Promise<PortalClient | null> {
  if (!session?.portalClientId) return null;
  const [row] = await db
    .select({ clientId: clients.id, name: clients.displayName, sessionVersion: portalAccounts.sessionVersion })
    .from(portalAccounts)
    .innerJoin(clients, eq(clients.id, portalAccounts.clientId))
    .where(
      and(
        eq(portalAccounts.clientId, session.portalClientId),
        eq(portalAccounts.status, "active"),
        eq(clients.status, "active"),
      ),
    );
  if (!row || row.sessionVersion !== session.sessionVersion) return null;
  return { clientId: row.clientId, name: row.name };
}

/** The client signed in to the portal for this request, open sessions ending as findPortalClientForSession says. */
export const getCurrentPortalClient = cache(async (): Promise<PortalClient | null> =>
  findPortalClientForSession((await getServerSession(authOptions)) as PortalSession | null),
);

export async function requirePortalClient() {
  const client = await getCurrentPortalClient();
  if (!client) redirect("/portal/signin");
  return client;
}

/** A signed-in portal user who opens a staff page (an old bookmark, a link from IT) is sent to their portal. */
export async function sendPortalUserToPortal() {
  if (await getCurrentPortalClient()) redirect("/portal");
}
