import "server-only";
import { cache } from "react";
import { and, eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { db } from "@/db/client";
import { clients, portalAccounts } from "@/db/schema";
import { authOptions } from "@/lib/session/options";

export type PortalClient = { clientId: string; name: string };

/**
 * The client signed in to the portal for this request, checked against the database every time: a client
 * disabled or removed in Entra, or whose access was revoked, is out at once, open sessions included.
 */
export const getCurrentPortalClient = cache(async (): Promise<PortalClient | null> => {
  const session = (await getServerSession(authOptions)) as { portalClientId?: string; sessionVersion?: number } | null;
  if (!session?.portalClientId) return null;
  const [row] = await db
    .select({ clientId: clients.id, name: clients.displayName, sessionVersion: portalAccounts.sessionVersion })
    .from(portalAccounts)
    .innerJoin(clients, eq(clients.id, portalAccounts.clientId))
    .where(and(eq(portalAccounts.clientId, session.portalClientId), eq(portalAccounts.status, "active"), eq(clients.status, "active")));
  if (!row || row.sessionVersion !== session.sessionVersion) return null;
  return { clientId: row.clientId, name: row.name };
});

export async function requirePortalClient() {
  const client = await getCurrentPortalClient();
  if (!client) redirect("/portal/signin");
  return client;
}

/** A signed-in portal user who opens a staff page (an old bookmark, a link from IT) is sent to their portal. */
export async function sendPortalUserToPortal() {
  if (await getCurrentPortalClient()) redirect("/portal");
}
