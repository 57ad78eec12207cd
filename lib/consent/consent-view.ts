import "server-only";
import { and, desc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { consentRequests } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";

/** The last answer that came back from the admin-consent page for the organization: what its Settings tab shows. */
export async function lastConsentAnswer(actor: Actor, organizationId: string) {
  authorize(actor, "superuser");
  const [answer] = await db
    .select({
      requestId: consentRequests.id,
      at: consentRequests.answeredAt,
      outcome: consentRequests.outcome,
      tenantId: consentRequests.tenantId,
      tenantDetails: consentRequests.tenantDetails,
      expectedTenantId: consentRequests.expectedTenantId,
      voidedAt: consentRequests.voidedAt,
      message: consentRequests.message,
      checks: consentRequests.checks,
    })
    .from(consentRequests)
    .where(and(eq(consentRequests.organizationId, organizationId), isNotNull(consentRequests.answeredAt)))
    .orderBy(desc(consentRequests.answeredAt))
    .limit(1);
  return answer ?? null;
}

export type ConsentAnswerView = Awaited<ReturnType<typeof lastConsentAnswer>>;

/** The newest link that can still be answered: which tenant it is for, and until when. */
export async function openConsentLink(actor: Actor, organizationId: string, now = new Date()) {
  authorize(actor, "superuser");
  const [link] = await db
    .select({
      expectedTenantId: consentRequests.expectedTenantId,
      expiresAt: consentRequests.expiresAt,
      createdAt: consentRequests.createdAt,
    })
    .from(consentRequests)
    .where(
      and(
        eq(consentRequests.organizationId, organizationId),
        isNull(consentRequests.usedAt),
        isNull(consentRequests.voidedAt),
        gt(consentRequests.expiresAt, now),
      ),
    )
    .orderBy(desc(consentRequests.createdAt))
    .limit(1);
  return link ?? null;
}

export type OpenConsentLinkView = Awaited<ReturnType<typeof openConsentLink>>;
