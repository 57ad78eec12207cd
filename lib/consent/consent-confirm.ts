import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { consentRequests } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { answerRefusal, type ConsentRequest } from "./consent-checks";
import { bindConsentedTenant, recordAnswerRejected } from "./consent-record";
import { ConsentRefused } from "./consent-refusals";
import { organizationName, testBoundConnection } from "./consent-return";

const goneMessage =
  "This consent answer was already confirmed, rejected or withdrawn meanwhile: nothing was changed. Reload the page.";

async function waitingAnswer(organizationId: string, requestId: string): Promise<ConsentRequest> {
  const [request] = await db
    .select()
    .from(consentRequests)
    .where(and(eq(consentRequests.id, requestId), eq(consentRequests.organizationId, organizationId)));
  if (request?.outcome !== "awaiting_confirmation" || request.voidedAt || !request.tenantId)
    throw new ActionRefused(goneMessage);
  return request;
}

/**
 * "Confirm": a signed-in superuser binds the tenant an answer came from, where none was known when the link was made,
 * having seen its id (and its name and domains where the app may read them) beside the organization's domain. The
 * same checks as for an answer apply again; a passing Test connection then sets Status to Enabled in their name.
 */
export async function confirmConsent(actor: Actor, organizationId: string, requestId: string, now = new Date()) {
  authorize(actor, "superuser");
  const request = await waitingAnswer(organizationId, requestId);
  const name = await organizationName(organizationId);
  const refused = await answerRefusal(db, request, name, request.tenantId!);
  if (refused) throw new ActionRefused(refused.detail);
  try {
    await bindConsentedTenant(actor, request, name, request.tenantId!, "confirmation", now);
  } catch (error) {
    if (error instanceof ConsentRefused)
      throw new ActionRefused("detail" in error ? String(error.detail) : goneMessage);
    throw error;
  }
  const outcome = await testBoundConnection(actor, request, name);
  return outcome === "connected"
    ? `Consent confirmed: ${name} is connected to tenant ${request.tenantId} and Status is Enabled.`
    : `Consent confirmed for tenant ${request.tenantId}, but Test connection failed: see below.`;
}

/** "Reject": the answer came from a tenant that is not the organization's; nothing is bound. */
export async function rejectConsent(actor: Actor, organizationId: string, requestId: string) {
  authorize(actor, "superuser");
  const request = await waitingAnswer(organizationId, requestId);
  try {
    await recordAnswerRejected(actor, request, await organizationName(organizationId));
  } catch (error) {
    if (error instanceof ConsentRefused) throw new ActionRefused(goneMessage);
    throw error;
  }
  return `Consent from tenant ${request.tenantId} rejected: nothing was recorded. Make a new link to ask again.`;
}
