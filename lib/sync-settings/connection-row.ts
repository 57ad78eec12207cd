import "server-only";
import { asc, isNotNull, or } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { entraConnections, type EntraConnection } from "@/db/schema";
import { createOrganization, organizationWithoutConnection } from "@/lib/organizations/organization-rows";

// With one organization, Vertask connects one Entra tenant: the oldest connection row. Everything else
// refers to the row's id, so each organization's connection works the same way.
export async function findPrimaryConnection(tx: Transaction | typeof db = db) {
  const [connection] = await tx.select().from(entraConnections).orderBy(asc(entraConnections.createdAt)).limit(1);
  return connection ?? null;
}

/** The first connection, made on the first Save Changes for the first organization without one (made too if none is). */
export async function findOrCreatePrimaryConnection(tx: Transaction) {
  const existing = await findPrimaryConnection(tx);
  if (existing) return existing;
  const organization = (await organizationWithoutConnection(tx)) ?? (await createOrganization(tx, { name: "My organization" }));
  const [created] = await tx.insert(entraConnections).values({ name: "Microsoft Entra tenant", organizationId: organization.id }).returning();
  return created;
}

/** What "Test connection" and every sync need saved: both IDs and a credential (a Client secret or a certificate). */
export function isSetUp(connection: EntraConnection | null): connection is EntraConnection & { clientId: string; tenantId: string } {
  return Boolean(connection?.clientId && connection.tenantId && (connection.clientSecretCiphertext || connection.certificateKeyCiphertext));
}

/** The same as isSetUp's credential part, for a query: a Client secret or a certificate's key is stored. */
export const hasStoredCredential = or(isNotNull(entraConnections.clientSecretCiphertext), isNotNull(entraConnections.certificateKeyCiphertext));

/** Which credential the connection signs in with: at most one is stored (lib/sync-settings/commands.ts). */
export const credentialKindOf = (connection: Pick<EntraConnection, "certificateKeyCiphertext">) =>
  connection.certificateKeyCiphertext ? ("certificate" as const) : ("secret" as const);

/** The one answer to a sync or a test asked for before isSetUp. */
export const notSetUpMessage = "Azure User Sync is not set up yet: enter the IDs and the Client secret or certificate in Settings → Azure User Sync, then Save Changes.";

/** The groups a users sync is scoped to, for the connection checks: none when it syncs all users. */
export const scopeGroupIds = (connection: EntraConnection) =>
  connection.usersScope.mode === "groups" ? connection.usersScope.groups.map((group) => group.id) : [];

/** Binds the stored ciphertext to its row: it cannot be decrypted after being copied elsewhere. */
export const clientSecretPurpose = (connectionId: string) => `entra-client-secret:${connectionId}`;

/** The same binding for a certificate credential's private key. */
export const certificateKeyPurpose = (connectionId: string) => `entra-certificate-key:${connectionId}`;
