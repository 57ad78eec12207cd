import "server-only";
import { and, asc, isNull, ne } from "drizzle-orm";
import { db } from "@/db/client";
import { alertConditions } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";

export type OpenAlert = { id: string; conditionKey: string; summary: string; openedAt: Date };

/**
 * The open conditions for the banner on every staff page: superusers only (a technician gets none).
 * The secret's expiry is left out: its banner is worked out live from the saved date (SecretExpiryBanner),
 * so it shows without the job engine and never twice.
 */
export async function openAlertsFor(actor: Actor): Promise<OpenAlert[]> {
  authorize(actor, "staff");
  if (actor.role !== "superuser") return [];
  return db
    .select({ id: alertConditions.id, conditionKey: alertConditions.conditionKey, summary: alertConditions.summary, openedAt: alertConditions.openedAt })
    .from(alertConditions)
    .where(and(isNull(alertConditions.clearedAt), ne(alertConditions.conditionKey, "secret_expiry")))
    .orderBy(asc(alertConditions.openedAt));
}
