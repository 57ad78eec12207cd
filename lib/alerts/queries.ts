import "server-only";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { alertConditions, credentials, entraConnections, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { severalOrganizations } from "@/lib/organizations/queries";
import {
  credentialDateColumns,
  credentialExpiresSoon,
  credentialOf,
  storedCredentialExpiry,
  type SecretExpiry,
} from "@/lib/credentials";
import { aboutOrganization } from "./wording";

export type OpenAlert = { id: string; conditionKey: string; summary: string; openedAt: Date };

/** One organization with something to say on the banner: its stored credential's expiry, live, and its open alerts. */
export type OrganizationAttention = {
  organizationId: string;
  organizationName: string;
  expiry: SecretExpiry | null;
  alerts: OpenAlert[];
};

/**
 * What the banner on every staff page shows a superuser: each organization that needs attention (by name), the
 * provider app's credential expiry, and whether there are several organizations (only then does it name them).
 */
export type StaffBanner = {
  severalOrganizations: boolean;
  organizations: OrganizationAttention[];
  providerAppExpiry: SecretExpiry | null;
};

// The secret's expiry is left out of the open alerts: the banner works it out live from the saved date, so it
// shows without the job engine and never twice.
const openAlertRows = () =>
  db
    .select({
      id: alertConditions.id,
      conditionKey: alertConditions.conditionKey,
      summary: alertConditions.summary,
      openedAt: alertConditions.openedAt,
      organizationId: organizations.id,
      organizationName: organizations.name,
    })
    .from(alertConditions)
    .innerJoin(entraConnections, eq(entraConnections.id, alertConditions.connectionId))
    .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
    .where(and(isNull(alertConditions.clearedAt), ne(alertConditions.conditionKey, "secret_expiry")))
    .orderBy(asc(alertConditions.openedAt));

/** The open conditions of every organization, superusers only (a technician gets none); with several, each names its organization. */
export async function openAlertsFor(actor: Actor): Promise<OpenAlert[]> {
  authorize(actor, "staff");
  if (actor.role !== "superuser") return [];
  const [rows, named] = await Promise.all([openAlertRows(), severalOrganizations()]);
  return rows.map(({ organizationName, organizationId: _, ...alert }) => ({
    ...alert,
    summary: aboutOrganization(named ? organizationName : null, alert.summary),
  }));
}

/**
 * The banner's content, in four queries however many organizations there are: open alerts, connections whose
 * credential expires within 30 days, the provider app, and whether there are several organizations. Null for a
 * technician, who gets no banner.
 */
export async function staffBannerFor(actor: Actor, now = new Date()): Promise<StaffBanner | null> {
  authorize(actor, "staff");
  if (actor.role !== "superuser") return null;
  const [alerts, expiring, [provider], several] = await Promise.all([
    openAlertRows(),
    db
      .select({
        organizationId: organizations.id,
        organizationName: organizations.name,
        method: entraConnections.method,
        ...credentialDateColumns,
      })
      .from(entraConnections)
      .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
      .innerJoin(credentials, eq(credentials.connectionId, entraConnections.id))
      .where(credentialExpiresSoon(now)),
    db.select(credentialDateColumns).from(credentials).where(eq(credentials.providerAppId, true)),
    severalOrganizations(),
  ]);
  const byOrganization = new Map<string, OrganizationAttention>();
  const attentionOf = ({ organizationId, organizationName }: { organizationId: string; organizationName: string }) => {
    if (!byOrganization.has(organizationId))
      byOrganization.set(organizationId, { organizationId, organizationName, expiry: null, alerts: [] });
    return byOrganization.get(organizationId)!;
  };
  for (const row of expiring) {
    // Connected by the provider's app, it signs in with the provider app's credential: that one line says so, once.
    const credential = credentialOf(row, { own: row, providerApp: null }, now);
    if (credential.signsInWith === "own_app") attentionOf(row).expiry = credential.expiry;
  }
  for (const { organizationId, organizationName, ...alert } of alerts)
    attentionOf({ organizationId, organizationName }).alerts.push(alert);
  const providerAppExpiry = provider ? storedCredentialExpiry(provider, now) : null;
  return {
    severalOrganizations: several,
    organizations: [...byOrganization.values()].sort((a, b) => a.organizationName.localeCompare(b.organizationName)),
    providerAppExpiry:
      providerAppExpiry && (providerAppExpiry.state === "expiring" || providerAppExpiry.state === "expired")
        ? providerAppExpiry
        : null,
  };
}
