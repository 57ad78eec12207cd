import "server-only";
import { and, eq, getTableColumns, isNotNull, or, type SQL } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { credentials, entraConnections, organizations, type EntraConnection } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";
import {
  hasCredential,
  hasOwnCredentialSql,
  noCertificate,
  noSecret,
  storedCredentialColumns,
} from "@/lib/credentials";

type Database = Transaction | typeof db;

/** Connections read with their own credential (none for one by the provider's app): what an EntraConnection is. */
async function readConnection(where: SQL, tx: Database): Promise<EntraConnection | null> {
  const [connection] = await tx
    .select({ ...getTableColumns(entraConnections), ...storedCredentialColumns })
    .from(entraConnections)
    .leftJoin(credentials, eq(credentials.connectionId, entraConnections.id))
    .where(where);
  return connection ?? null;
}

/** The organization's Entra connection and its own credential; null while it has none (made on the first Save Changes). */
export const findConnection = (organizationId: string, tx: Database = db) =>
  readConnection(eq(entraConnections.organizationId, organizationId), tx);

/** The same, found by the connection's own id (a sync run, an alert). */
export const findConnectionById = (connectionId: string, tx: Database = db) =>
  readConnection(eq(entraConnections.id, connectionId), tx);

export const unknownOrganizationMessage =
  "This organization does not exist (any more): choose it again under Settings → Organizations.";

/** As findConnection, made on the organization's first Save Changes; an organization that does not exist is refused. */
export async function findOrCreateConnection(tx: Transaction, organizationId: string): Promise<EntraConnection> {
  const existing = await findConnection(organizationId, tx);
  if (existing) return existing;
  const [organization] = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  if (!organization) throw new ActionRefused(unknownOrganizationMessage);
  const [created] = await tx
    .insert(entraConnections)
    .values({ name: "Microsoft Entra tenant", organizationId })
    .returning();
  return { ...created, ...noSecret, ...noCertificate, clientSecretExpiresOn: null };
}

/**
 * What "Test connection" and every sync need saved: both IDs and a credential. A connection by the provider's app
 * has its credential there (lib/credentials/provider-app.ts) and its IDs from the consent: the app's and the tenant's.
 */
export function isSetUp(
  connection: EntraConnection | null,
): connection is EntraConnection & { clientId: string; tenantId: string } {
  const readiness = syncReadiness(connection && readinessFactsOf(connection));
  return readiness === "disabled" || readiness === "ready";
}

/** A connection by the provider's app whose customer administrator has not consented yet. */
export const isWaitingForConsent = (connection: Pick<EntraConnection, "method" | "clientId"> | null) =>
  connection?.method === "provider_app" && !connection.clientId;

/** isSetUp with Status Enabled, for a query: the connections a schedule, a stalled-schedule alert or a health check may sync. */
export const readyToSyncSql = and(
  eq(entraConnections.enabled, true),
  isNotNull(entraConnections.clientId),
  isNotNull(entraConnections.tenantId),
  or(eq(entraConnections.method, "provider_app"), hasOwnCredentialSql(entraConnections.id)),
);

/** The one answer to a sync or a test asked for before isSetUp. */
export const notSetUpMessage =
  "Azure User Sync is not set up yet: enter the IDs and the Client secret or certificate in Settings → Azure User Sync, then Save Changes.";

/** The same for an organization connected by the provider's app whose administrator has not consented yet. */
export const waitingForConsentMessage =
  "This organization is waiting for consent: its administrator must open the admin consent link on its Settings tab and Accept.";

/** The answer to a sync asked for while Status is Disabled. */
export const disabledMessage = "Azure User Sync is disabled: set Status to Enabled and Save Changes first.";

/** Whether an organization's connection can sync: the one order every page, query and command asks it in. */
export type SyncReadiness = "not_set_up" | "waiting_for_consent" | "disabled" | "ready";

/** What readiness is decided on: a connection row's, or the organizations overview's (which reads no ciphertext). */
export type ReadinessFacts = Pick<EntraConnection, "method" | "clientId" | "tenantId" | "enabled"> & {
  hasOwnCredential: boolean;
};

export const readinessFactsOf = (connection: EntraConnection): ReadinessFacts => ({
  ...connection,
  hasOwnCredential: hasCredential(connection),
});

/** Waiting for consent first (it has no IDs yet, so it is not set up either), then not set up, then Status. */
export function syncReadiness(facts: ReadinessFacts | null): SyncReadiness {
  if (isWaitingForConsent(facts)) return "waiting_for_consent";
  if (!facts?.clientId || !facts.tenantId || (facts.method === "own_app" && !facts.hasOwnCredential))
    return "not_set_up";
  return facts.enabled ? "ready" : "disabled";
}

/** The one wording of each state that keeps a sync from running. */
export const notReadyMessages: Record<Exclude<SyncReadiness, "ready">, string> = {
  not_set_up: notSetUpMessage,
  waiting_for_consent: waitingForConsentMessage,
  disabled: disabledMessage,
};

/**
 * Why this connection cannot sign in yet, in the words every per-organization action uses (Find groups, Test
 * connection, a sync, the command line): waiting for consent, or not set up. Null once it can (Status aside).
 */
export function notReadyMessage(connection: EntraConnection | null) {
  const readiness = syncReadiness(connection && readinessFactsOf(connection));
  return readiness === "waiting_for_consent" || readiness === "not_set_up" ? notReadyMessages[readiness] : null;
}

/** The groups a users sync is scoped to, for the connection checks: none when it syncs all users. */
export const scopeGroupIds = (connection: EntraConnection) =>
  connection.usersScope.mode === "groups" ? connection.usersScope.groups.map((group) => group.id) : [];
