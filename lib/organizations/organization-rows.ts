import "server-only";
import { asc, eq, isNull, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { entraConnections, organizations } from "@/db/schema";

type Database = Transaction | typeof db;

/** The oldest organization that has no Entra connection yet, if any. */
export async function organizationWithoutConnection(tx: Database) {
  const [row] = await tx
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .leftJoin(entraConnections, eq(entraConnections.organizationId, organizations.id))
    .where(isNull(entraConnections.id))
    .orderBy(asc(organizations.createdAt), asc(organizations.name))
    .limit(1);
  return row ?? null;
}

export async function createOrganization(tx: Database, fields: { name: string; primaryDomain?: string | null }) {
  const [created] = await tx.insert(organizations).values({ name: fields.name, primaryDomain: fields.primaryDomain ?? null }).returning();
  return created;
}

/**
 * The only organization, made ("My organization") when there is none yet; null when there are several. The
 * single-organization pages (Settings → Azure User Sync, as the guide describes) act on it; with several, nothing
 * is chosen for anyone: each organization's own pages are used.
 */
export async function soleOrganization(tx: Transaction) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('organizations'))`);
  const existing = await tx.select({ id: organizations.id, name: organizations.name }).from(organizations).limit(2);
  if (existing.length > 1) return null;
  return existing[0] ?? (await createOrganization(tx, { name: "My organization" }));
}

/** The first organization (the one clients added by hand go to while there is only one), made if there is none. */
export async function firstOrganization(tx: Database) {
  const [first] = await tx.select().from(organizations).orderBy(asc(organizations.createdAt), asc(organizations.name)).limit(1);
  return first ?? (await createOrganization(tx, { name: "My organization" }));
}
