import "server-only";
import { and, desc, eq, isNotNull } from "drizzle-orm";
import { db } from "@/db/client";
import { consentRequests } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";

/** The last answer that came back from the admin-consent page for the organization: what its Settings tab shows. */
export async function lastConsentAnswer(actor: Actor, organizationId: string) {
  authorize(actor, "superuser");
  const [answer] = await db
    .select({ at: consentRequests.usedAt, outcome: consentRequests.outcome, tenantId: consentRequests.tenantId, message: consentRequests.message, checks: consentRequests.checks })
    .from(consentRequests)
    .where(and(eq(consentRequests.organizationId, organizationId), isNotNull(consentRequests.usedAt)))
    .orderBy(desc(consentRequests.usedAt))
    .limit(1);
  return answer ?? null;
}

export type ConsentAnswerView = Awaited<ReturnType<typeof lastConsentAnswer>>;
