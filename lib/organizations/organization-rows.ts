import "server-only";
import { sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { organizations } from "@/db/schema";

type Database = Transaction | typeof db;

export async function createOrganization(tx: Database, fields: { name: string; primaryDomain?: string | null }) {
  const [created] = await tx
    .insert(organizations)
    .values({ name: fields.name, primaryDomain: fields.primaryDomain ?? null })
    .returning();
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
