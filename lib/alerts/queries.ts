import "server-only";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { alertConditions, entraConnections, organizations } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { severalOrganizations } from "@/lib/organizations/queries";
import { aboutOrganization } from "./wording";

export type OpenAlert = { id: string; conditionKey: string; summary: string; openedAt: Date };

/**
 * The open conditions for the banner on every staff page: superusers only (a technician gets none). With two
 * or more organizations each names its organization ("Contoso: Syncing users failed: …").
 * The secret's expiry is left out: its banner is worked out live from the saved date (SecretExpiryBanner),
 * so it shows without the job engine and never twice.
 */
export async function openAlertsFor(actor: Actor): Promise<OpenAlert[]> {
  authorize(actor, "staff");
  if (actor.role !== "superuser") return [];
  const [rows, named] = await Promise.all([
    db
      .select({
        id: alertConditions.id,
        conditionKey: alertConditions.conditionKey,
        summary: alertConditions.summary,
        openedAt: alertConditions.openedAt,
        organizationName: organizations.name,
      })
      .from(alertConditions)
      .innerJoin(entraConnections, eq(entraConnections.id, alertConditions.connectionId))
      .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
      .where(and(isNull(alertConditions.clearedAt), ne(alertConditions.conditionKey, "secret_expiry")))
      .orderBy(asc(alertConditions.openedAt)),
    severalOrganizations(),
  ]);
  return rows.map(({ organizationName, ...alert }) => ({ ...alert, summary: aboutOrganization(named ? organizationName : null, alert.summary) }));
}
