import "server-only";
import { eq } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { consentRequests, entraConnections } from "@/db/schema";
import { ConsentRefused, type ConsentRefusal } from "./consent-refusals";
import { hashConsentState } from "./consent-state";
import { findProviderApp } from "@/lib/credentials";
import { organizationHoldingTenant, tenantTakenMessage } from "@/lib/connections";

// What an answer from the admin consent page is checked against before anything is recorded: its link, and what
// the link was made for. Checked once before recording and again inside the transaction that records.

export type ConsentRequest = typeof consentRequests.$inferSelect;

/** A refusal with the words for the superuser's page, which may name the organization that holds the tenant. */
export class ConsentAnswerRefused extends ConsentRefused {
  constructor(
    reason: ConsentRefusal,
    organizationId: string,
    readonly detail: string,
  ) {
    super(reason, organizationId);
  }
}

/**
 * The request a returned `state` names, checked but not used: an answer that turns out to be refused must not burn
 * a link its administrator is about to answer properly. The `state` is the only defence against a forged answer.
 */
export async function findAnswerableRequest(state: string, now: Date): Promise<ConsentRequest> {
  const [request] = state
    ? await db
        .select()
        .from(consentRequests)
        .where(eq(consentRequests.stateHash, hashConsentState(state)))
    : [];
  if (!request) throw new ConsentRefused("unknown", null);
  if (request.usedAt) throw new ConsentRefused("used", request.organizationId);
  if (request.voidedAt) throw new ConsentRefused("void", request.organizationId);
  if (request.expiresAt <= now) throw new ConsentRefused("expired", request.organizationId);
  return request;
}

/**
 * Whether `tenantId` may be bound to the request's organization now: the provider app is still the one the link was
 * made for, the organization still connects by it, the tenant is the expected one (when known) and no other
 * organization has it. Checked before an answer is recorded, and again inside the transaction that binds it.
 */
export async function answerRefusal(
  tx: Transaction | typeof db,
  request: ConsentRequest,
  organizationName: string,
  tenantId: string,
): Promise<ConsentAnswerRefused | null> {
  const refuse = (reason: ConsentRefusal, detail: string) =>
    new ConsentAnswerRefused(reason, request.organizationId, detail);
  const provider = await findProviderApp(tx);
  if (provider?.clientId.toLowerCase() !== request.clientId.toLowerCase()) {
    const now = provider ? `is now ${provider.clientId}` : "was removed";
    return refuse(
      "app-changed",
      `The answer was for the provider's app ${request.clientId}, which ${now}: nothing was recorded. Make a new admin consent link.`,
    );
  }
  const [connection] = await tx
    .select({ method: entraConnections.method })
    .from(entraConnections)
    .where(eq(entraConnections.organizationId, request.organizationId));
  if (connection?.method !== "provider_app")
    return refuse(
      "not-recorded",
      `${organizationName} no longer connects with the provider's app: nothing was recorded.`,
    );
  if (request.expectedTenantId && request.expectedTenantId !== tenantId) {
    return refuse(
      "wrong-tenant",
      `The link was made for tenant ${request.expectedTenantId}, and the answer came from tenant ${tenantId}: nothing was recorded. If ${organizationName} really moved to another tenant, correct its primary domain and make a new link.`,
    );
  }
  const holder = await organizationHoldingTenant(tenantId, request.organizationId, tx);
  if (holder)
    return refuse(
      "tenant-taken",
      `The answer came from tenant ${tenantId}, and nothing was recorded. ${tenantTakenMessage(tenantId, holder)}`,
    );
  return null;
}
