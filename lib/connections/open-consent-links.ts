import "server-only";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { consentRequests } from "@/db/schema";

// Kept with the connections (lib/consent builds on them): saving a connection or the provider app voids the links.
/**
 * Open links, and answers waiting for confirmation, stop counting when what they were made for changes (the
 * connection method, the tenant, the provider app): of one organization, or of all (the provider app).
 */
export async function voidOpenConsentLinks(
  tx: Transaction,
  scope: { organizationId: string } | "every-organization",
  now: Date,
) {
  const unanswered = and(isNull(consentRequests.usedAt), gt(consentRequests.expiresAt, now));
  const open = and(
    isNull(consentRequests.voidedAt),
    or(unanswered, eq(consentRequests.outcome, "awaiting_confirmation")),
  );
  const where =
    scope === "every-organization" ? open : and(open, eq(consentRequests.organizationId, scope.organizationId));
  const voided = await tx
    .update(consentRequests)
    .set({ voidedAt: now })
    .where(where)
    .returning({ id: consentRequests.id });
  return voided.length;
}
