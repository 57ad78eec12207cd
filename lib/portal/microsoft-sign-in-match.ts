import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, entraConnections, portalAccounts } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import { appendRecordEvents } from "@/lib/history";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { portalMicrosoftSignInOnSql } from "./microsoft-sign-in-setting";

/**
 * Who Microsoft signed in (the id token's `tid` and `oid`, the only claims a client is matched by), and the
 * organization whose app and tenant the sign-in went through.
 */
type PortalIdentity = { organizationId: string; tenantId: string; objectId: string };

/** Why a verified Microsoft identity is not let in: for the audit log only, never for the person signing in. */
type PortalRefusalReason =
  "tenant_not_connected" | "not_a_synced_client" | "external_user" | "client_not_active" | "no_portal_access";

const portalRefusalWords: Record<PortalRefusalReason | "microsoft_refused", string> = {
  tenant_not_connected: "the tenant is no connected organization's with Microsoft sign-in on",
  not_a_synced_client: "no synced client of the organization has this object id",
  external_user: "the account is a guest or external user",
  client_not_active: "the client is disabled or removed in Microsoft Entra",
  no_portal_access: "the client has no portal access (not invited, or revoked)",
  microsoft_refused: "the sign-in with Microsoft did not complete or did not verify",
};

type Candidate = {
  clientId: string | null;
  name: string | null;
  isExternal: boolean | null;
  clientStatus: string | null;
  accountStatus: string | null;
};

/** The rule, over what the database holds for the identity: let in, or the first reason it is not. */
function decidePortalMicrosoftSignIn(
  candidate: Candidate | null,
): { letIn: true } | { letIn: false; reason: PortalRefusalReason } {
  if (!candidate) return { letIn: false, reason: "tenant_not_connected" };
  if (!candidate.clientId) return { letIn: false, reason: "not_a_synced_client" };
  if (candidate.isExternal) return { letIn: false, reason: "external_user" };
  if (candidate.clientStatus !== "active") return { letIn: false, reason: "client_not_active" };
  if (candidate.accountStatus !== "invited" && candidate.accountStatus !== "active")
    return { letIn: false, reason: "no_portal_access" };
  return { letIn: true };
}

/** The connection of the tenant (with Microsoft sign-in on) and the synced client of that connection with this object id. */
async function candidateOf({ organizationId, tenantId, objectId }: PortalIdentity) {
  const [row] = await db
    .select({
      organizationId: entraConnections.organizationId,
      clientId: clients.id,
      name: clients.displayName,
      mail: clients.mail,
      isExternal: clients.isExternal,
      clientStatus: clients.status,
      accountStatus: portalAccounts.status,
    })
    .from(entraConnections)
    .leftJoin(
      clients,
      and(
        eq(clients.connectionId, entraConnections.id),
        eq(clients.organizationId, entraConnections.organizationId),
        eq(clients.entraObjectId, objectId),
        eq(clients.source, "azure"),
      ),
    )
    .leftJoin(portalAccounts, eq(portalAccounts.clientId, clients.id))
    .where(
      and(
        eq(entraConnections.organizationId, organizationId),
        sql`lower(${entraConnections.tenantId}) = lower(${tenantId})`,
        portalMicrosoftSignInOnSql(),
      ),
    );
  return row ?? null;
}

export type PortalMicrosoftSignIn =
  | { letIn: true; client: { id: string; name: string; email: string | null; sessionVersion: number } }
  | { letIn: false; reason: PortalRefusalReason | "microsoft_refused" };

/**
 * Lets a client in by the tenant and object id Microsoft vouched for, never by mail: the tenant must be a connected
 * organization's with Microsoft sign-in on, and the object an active synced member (not a guest) of it with portal
 * access. An invited client's access becomes active. The sign-in, or why it was refused, goes to the audit log.
 */
export async function signInPortalClientWithMicrosoft(
  identity: PortalIdentity,
  now = new Date(),
): Promise<PortalMicrosoftSignIn> {
  const candidate = await candidateOf(identity);
  const decision = decidePortalMicrosoftSignIn(candidate);
  if (!decision.letIn) {
    await recordPortalMicrosoftRefusal(decision.reason, identity);
    return decision;
  }
  const { organizationId, clientId, name, mail } = candidate!;
  return db.transaction(async (tx) => {
    // Checked again in the write: a revoke, or a sync disabling the client, since the read wins.
    const [account] = await tx
      .update(portalAccounts)
      .set({
        status: "active",
        activatedAt: sql`coalesce(${portalAccounts.activatedAt}, ${now.toISOString()}::timestamptz)`,
        microsoftSignedInAt: now,
      })
      .where(
        and(
          eq(portalAccounts.clientId, clientId!),
          sql`${portalAccounts.status} IN ('invited', 'active')`,
          sql`EXISTS (SELECT 1 FROM clients WHERE id = ${clientId} AND status = 'active')`,
        ),
      )
      .returning({ sessionVersion: portalAccounts.sessionVersion, activatedAt: portalAccounts.activatedAt });
    if (!account) {
      await recordAuditEventAbout(
        tx,
        { organizationId },
        portalActor,
        refusedAction,
        refusalSummary("no_portal_access", identity),
      );
      return { letIn: false as const, reason: "no_portal_access" as const };
    }
    if (candidate!.accountStatus === "invited")
      await appendRecordEvents(tx, [{ organizationId, clientId: clientId!, kind: "portal_accepted" }]);
    await recordAuditEventAbout(
      tx,
      { organizationId },
      { id: null, name: name! },
      "portal.microsoft_sign_in",
      `${name} signed in to the client portal with Microsoft`,
    );
    return {
      letIn: true as const,
      client: { id: clientId!, name: name!, email: mail, sessionVersion: account.sessionVersion },
    };
  });
}

const portalActor = { id: null, name: "Client portal" };
const refusedAction = "portal.microsoft_sign_in.refused";
const refusalSummary = (
  reason: PortalRefusalReason | "microsoft_refused",
  identity: Partial<PortalIdentity>,
  detail?: string,
) =>
  `A Microsoft sign-in to the client portal was refused: ${portalRefusalWords[reason]}` +
  (identity.tenantId
    ? ` (tenant ${identity.tenantId}${identity.objectId ? `, object ${identity.objectId}` : ""})`
    : "") +
  (detail ? `: ${detail}` : "");

/** An audit row for a refused Microsoft sign-in: why, and which tenant and object it was, for staff to look into. */
export async function recordPortalMicrosoftRefusal(
  reason: PortalRefusalReason | "microsoft_refused",
  identity: Partial<PortalIdentity> = {},
  detail?: string,
) {
  const summary = refusalSummary(reason, identity, detail);
  const { organizationId } = identity;
  await db.transaction((tx) =>
    organizationId
      ? recordAuditEventAbout(tx, { organizationId }, portalActor, refusedAction, summary)
      : recordAuditEvent(tx, portalActor, refusedAction, summary),
  );
}
