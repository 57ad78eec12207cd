import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { organizations, staffUsers, type ConsentCheckLine, type ConsentTenantDetails } from "@/db/schema";
import { EntraError, openGraphSession, readTenantOrganization } from "@/lib/azure";
import { isUuid } from "@/db/is-uuid";
import { ActionRefused } from "@/lib/auth/action-refused";
import type { Actor } from "@/lib/auth/authorize";
import { answerRefusal, ConsentAnswerRefused, findAnswerableRequest, type ConsentRequest } from "./consent-checks";
import {
  bindConsentedTenant,
  recordAnswerAwaitingConfirmation,
  recordConsentTested,
  recordUnboundAnswer,
} from "./consent-record";
import { ConsentRefused } from "./consent-refusals";
import { providerAppSettings } from "@/lib/credentials";
import { testSavedConnection } from "@/lib/connections";

/** What Entra put on the redirect URI: `admin_consent`, `tenant` and `state`, or `error`, `error_description` and `state`. */
export type ConsentAnswer = Record<string, string | undefined>;

export type ConsentResult = {
  organizationId: string;
  outcome: "connected" | "not_working" | "declined" | "awaiting_confirmation";
};

/** Microsoft's `error` codes in plain words; the AADSTS text stays out of the page (it carries trace ids). */
function declinedMessage(error: string) {
  if (error === "access_denied")
    return "The administrator declined the consent (Cancel on Microsoft's page): nothing was recorded. Send the link again when they are ready.";
  return `The consent did not finish (Microsoft answered ${error.slice(0, 60)}): nothing was recorded. Get a new link and try again.`;
}

/**
 * The administrator's browser came back from the admin-consent page, signed in to Vertask or not (the customer's
 * administrator usually is not). The `state` is checked first, without using the link; a decline or an answer that
 * differs from what the link was made for is recorded as such and binds nothing. A fitting answer uses the link: it
 * binds the tenant known in advance and runs Test connection there, or waits for a superuser's confirmation.
 */
export async function receiveConsentAnswer(answer: ConsentAnswer, now = new Date()): Promise<ConsentResult> {
  const request = await findAnswerableRequest(answer.state ?? "", now);
  // Recorded in the name of the superuser who made the link, who must still be one.
  const actor = await superuserById(request.requestedById);
  if (!actor) throw new ConsentRefused("not-recorded", request.organizationId);
  const name = await organizationName(request.organizationId);
  const result = (outcome: ConsentResult["outcome"]): ConsentResult => ({
    organizationId: request.organizationId,
    outcome,
  });
  // Microsoft sends `error` with admin_consent=True and the tenant on Cancel: any error means no consent.
  if (answer.error || answer.admin_consent?.toLowerCase() !== "true" || !answer.tenant || !isUuid(answer.tenant)) {
    await recordUnboundAnswer(
      actor,
      request,
      name,
      { outcome: "declined", tenantId: null, message: declinedMessage(answer.error || "no consent") },
      now,
    );
    return result("declined");
  }
  const tenantId = answer.tenant.toLowerCase();
  try {
    const refused = await answerRefusal(db, request, name, tenantId);
    if (refused) throw refused;
    if (!request.expectedTenantId) {
      await recordAnswerAwaitingConfirmation(
        actor,
        request,
        name,
        { tenantId, details: await tenantDetails(request.clientId, tenantId) },
        now,
      );
      return result("awaiting_confirmation");
    }
    await bindConsentedTenant(actor, request, name, tenantId, "link", now);
  } catch (error) {
    if (error instanceof ConsentAnswerRefused)
      await recordUnboundAnswer(actor, request, name, { outcome: "refused", tenantId, message: error.detail }, now);
    throw error;
  }
  return result(await testBoundConnection(actor, request, name));
}

/** Test connection with the provider's app at the tenant just bound; its steps are kept with the answer. */
export async function testBoundConnection(actor: Actor, request: ConsentRequest, name: string) {
  let tested: { ok: boolean; message: string; checks: ConsentCheckLine[] };
  try {
    const report = await testSavedConnection(actor, request.organizationId);
    tested = { ok: report.ok, message: report.summary, checks: report.checks };
  } catch (error) {
    if (!(error instanceof ActionRefused)) throw error;
    tested = { ok: false, message: error.message, checks: [] };
  }
  await recordConsentTested(actor, request, name, tested);
  return tested.ok ? ("connected" as const) : ("not_working" as const);
}

/** The tenant's name and verified domains, for the superuser who confirms; read with the provider's app there. */
async function tenantDetails(clientId: string, tenantId: string): Promise<ConsentTenantDetails> {
  try {
    return await readTenantOrganization(openGraphSession(await providerAppSettings(tenantId, clientId)));
  } catch (error) {
    if (error instanceof ActionRefused || error instanceof EntraError) return { unreadable: error.message };
    throw error;
  }
}

export async function organizationName(organizationId: string) {
  const [organization] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return organization?.name ?? "the organization";
}

async function superuserById(id: string): Promise<Actor | null> {
  const [staff] = await db
    .select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, role: staffUsers.role })
    .from(staffUsers)
    .where(eq(staffUsers.id, id));
  return staff?.role === "superuser" ? staff : null;
}
