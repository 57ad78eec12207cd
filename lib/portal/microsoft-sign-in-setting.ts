import "server-only";
import { and, eq, isNotNull, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, entraConnections } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { hasOwnCredentialSql } from "@/lib/credentials";
import { appUrl } from "@/lib/mail/app-url";
import { recordAuditEventAbout } from "@/lib/organizations/audit";

/** Where Microsoft sends a client back after "Sign in with Microsoft": registered as a Web redirect URI on the app. */
export const portalRedirectUri = () => `${appUrl()}/portal/signin/microsoft/callback`;

/**
 * "Clients sign in to the portal with Microsoft" in force for a connection: connected (both IDs, and its own
 * credential unless it signs in with the provider's app), not turned off, and this redirect URI registered on the
 * app it signs in with now. The one condition the sign-in, the invitation mail and the settings page ask.
 */
export const portalMicrosoftSignInOnSql = (redirectUri = portalRedirectUri()) =>
  and(eq(entraConnections.portalMicrosoftSignIn, true), connectedSql, registeredSql(redirectUri));

/** Both IDs, and a credential of its own unless it signs in with the provider's app (waiting for consent has no IDs). */
const connectedSql = and(
  isNotNull(entraConnections.clientId),
  isNotNull(entraConnections.tenantId),
  or(eq(entraConnections.method, "provider_app"), hasOwnCredentialSql(entraConnections.id)),
);

/** The redirect URI a superuser said they registered is this one, on the app the connection signs in with now. */
const registeredSql = (redirectUri: string) =>
  and(
    eq(entraConnections.portalRedirectUri, redirectUri),
    sql`lower(${entraConnections.portalRedirectUriClientId}) = lower(${entraConnections.clientId})`,
  );

/** Whether an organization's clients may sign in to the portal with Microsoft now. */
export async function portalMicrosoftSignInOn(organizationId: string) {
  const [row] = await db
    .select({ id: entraConnections.id })
    .from(entraConnections)
    .where(and(eq(entraConnections.organizationId, organizationId), portalMicrosoftSignInOnSql()));
  return Boolean(row);
}

/**
 * Where a client's invitation sends them to sign in with Microsoft, or null when they cannot: a synced member (no
 * guest) of an organization whose setting is in force. The link names the organization, so the portal knows the
 * tenant to send them to without asking who they are.
 */
export async function microsoftSignInLinkFor(clientId: string) {
  const [row] = await db
    .select({ organizationId: clients.organizationId })
    .from(clients)
    .innerJoin(entraConnections, eq(entraConnections.id, clients.connectionId))
    .where(
      and(
        eq(clients.id, clientId),
        eq(clients.source, "azure"),
        eq(clients.isExternal, false),
        portalMicrosoftSignInOnSql(),
      ),
    );
  return row ? `${appUrl()}/portal/signin?organization=${row.organizationId}` : null;
}

type PortalSignInState = "on" | "not_connected" | "not_registered" | "turned_off";

/** The setting as an organization's settings page shows it: the redirect URI to register, on which app, and what holds. */
export async function getPortalSignInSetting(actor: Actor, organizationId: string) {
  authorize(actor, "superuser");
  const redirectUri = portalRedirectUri();
  const [row] = await db
    .select({
      method: entraConnections.method,
      clientId: entraConnections.clientId,
      tenantId: entraConnections.tenantId,
      enabled: entraConnections.portalMicrosoftSignIn,
      registeredAt: entraConnections.portalRedirectUriRegisteredAt,
      connected: sql<boolean>`coalesce(${connectedSql}, false)`,
      registered: sql<boolean>`coalesce(${registeredSql(redirectUri)}, false)`,
    })
    .from(entraConnections)
    .where(eq(entraConnections.organizationId, organizationId));
  const state: PortalSignInState = !row?.connected
    ? "not_connected"
    : !row.registered
      ? "not_registered"
      : row.enabled
        ? "on"
        : "turned_off";
  return { redirectUri, state, connection: row ?? null };
}

/**
 * Saves the setting and whether the redirect URI shown is registered on the organization's app now: ticked, the
 * exact URI and app are remembered, so a later app or address shows as not registered until ticked again.
 */
export async function savePortalSignInSetting(
  actor: Actor,
  organizationId: string,
  input: { enabled: boolean; registered: boolean },
) {
  authorize(actor, "superuser");
  const redirectUri = portalRedirectUri();
  return db.transaction(async (tx) => {
    const [connection] = await tx
      .select()
      .from(entraConnections)
      .where(eq(entraConnections.organizationId, organizationId))
      .for("update");
    if (!connection?.clientId)
      throw new ActionRefused(
        "Connect this organization first: Microsoft sign-in uses the app its connection signs in with.",
      );
    const registration = input.registered
      ? {
          portalRedirectUri: redirectUri,
          portalRedirectUriClientId: connection.clientId,
          portalRedirectUriRegisteredAt: new Date(),
        }
      : { portalRedirectUri: null, portalRedirectUriClientId: null, portalRedirectUriRegisteredAt: null };
    const wasRegistered =
      connection.portalRedirectUri === redirectUri &&
      connection.portalRedirectUriClientId?.toLowerCase() === connection.clientId.toLowerCase();
    const unchangedRegistration = wasRegistered === input.registered;
    await tx
      .update(entraConnections)
      .set({
        portalMicrosoftSignIn: input.enabled,
        ...(unchangedRegistration ? {} : registration),
        updatedAt: new Date(),
      })
      .where(eq(entraConnections.id, connection.id));
    const changes = {
      ...(connection.portalMicrosoftSignIn === input.enabled
        ? {}
        : {
            "Clients sign in to the portal with Microsoft": {
              from: connection.portalMicrosoftSignIn,
              to: input.enabled,
            },
          }),
      ...(unchangedRegistration
        ? {}
        : {
            [`Redirect URI ${redirectUri} registered on app ${connection.clientId}`]: {
              from: wasRegistered,
              to: input.registered,
            },
          }),
    };
    if (Object.keys(changes).length)
      await recordAuditEventAbout(
        tx,
        { organizationId },
        actor,
        "portal.microsoft_sign_in.setting.changed",
        "Changed how clients sign in to the portal",
        changes,
      );
    return "Saved.";
  });
}
