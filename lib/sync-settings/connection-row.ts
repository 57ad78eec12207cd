import "server-only";
import { asc } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { entraConnections, type EntraConnection } from "@/db/schema";

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

/** What "Test connection" and every sync need saved: both IDs and a Client secret. */
export function isSetUp(connection: EntraConnection | null): connection is EntraConnection & { clientId: string; tenantId: string; clientSecretCiphertext: string } {
  return Boolean(connection?.clientId && connection.tenantId && connection.clientSecretCiphertext);
}

/** The one answer to a sync or a test asked for before isSetUp. */
export const notSetUpMessage = "Azure User Sync is not set up yet: enter the IDs and the Client secret in Settings → Azure User Sync, then Save Changes.";

/** The groups a users sync is scoped to, for the connection checks: none when it syncs all users. */
export const scopeGroupIds = (connection: EntraConnection) =>
  connection.usersScope.mode === "groups" ? connection.usersScope.groups.map((group) => group.id) : [];

/** Binds the stored ciphertext to its row: it cannot be decrypted after being copied elsewhere. */
export const clientSecretPurpose = (connectionId: string) => `entra-client-secret:${connectionId}`;
