import "server-only";
import { asc } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { entraConnections } from "@/db/schema";

// Today Vertask connects one Entra tenant: the oldest connection row. Everything else refers to
// the row's id, so several tenants can be added later without a rewrite.
export async function findPrimaryConnection(tx: Transaction | typeof db = db) {
  const [connection] = await tx.select().from(entraConnections).orderBy(asc(entraConnections.createdAt)).limit(1);
  return connection ?? null;
}

export async function findOrCreatePrimaryConnection(tx: Transaction) {
  const existing = await findPrimaryConnection(tx);
  if (existing) return existing;
  const [created] = await tx.insert(entraConnections).values({ name: "Microsoft Entra tenant" }).returning();
  return created;
}

/** Binds the stored ciphertext to its row: it cannot be decrypted after being copied elsewhere. */
export const clientSecretPurpose = (connectionId: string) => `entra-client-secret:${connectionId}`;
