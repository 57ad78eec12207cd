import "server-only";
import { count, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { isUuid } from "@/db/is-uuid";
import { entraConnections, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";

/** One organization for its pages; null for an id that is not one (a bad link is a plain not-found). */
export async function getOrganization(actor: Actor, organizationId: string) {
  authorize(actor, "superuser");
  if (!isUuid(organizationId)) return null;
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  return row ?? null;
}

/** How many organizations there are: with one, every page looks as the setup guide describes. */
export async function countOrganizations() {
  const [row] = await db.select({ n: count() }).from(organizations);
  return row.n;
}

/** The organization whose connection is the single organization's (Settings → Azure User Sync), if any. */
export async function organizationOfConnection(connectionId: string) {
  const [row] = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .innerJoin(entraConnections, eq(entraConnections.organizationId, organizations.id))
    .where(eq(entraConnections.id, connectionId));
  return row ?? null;
}
