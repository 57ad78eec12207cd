import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { organizations, staffUsers, type ConsentCheckLine } from "@/db/schema";
import type { CheckStep, EntraConnectionReport } from "@/lib/azure";
import { isUuid } from "@/db/is-uuid";
import { ActionRefused } from "@/lib/auth/action-refused";
import type { Actor } from "@/lib/auth/authorize";
import { claimConsentRequest, ConsentRefused, recordConsentDeclined, recordConsentGiven, recordConsentTested } from "./consent-record";
import { findProviderApp } from "./provider-app";
import { testSavedConnection } from "./test-connection";

/** What Entra put on the redirect URI: `admin_consent`, `tenant` and `state`, or `error`, `error_description` and `state`. */
export type ConsentAnswer = Record<string, string | undefined>;

export type ConsentResult = { organizationId: string; outcome: "connected" | "not_working" | "declined" };

/** Microsoft's `error` codes in plain words; the AADSTS text stays out of the page (it carries trace ids). */
function declinedMessage(error: string) {
  if (error === "access_denied") return "The administrator declined the consent (Cancel on Microsoft's page): nothing was recorded. Send the link again when they are ready.";
  return `The consent did not finish (Microsoft answered ${error.slice(0, 60)}): nothing was recorded. Get a new link and try again.`;
}

function stepLine(label: string, step: CheckStep): ConsentCheckLine {
  if (step.status === "skipped") return { label: `${label}: not tried`, ok: null };
  return step.status === "ok" ? { label: `${label}: done`, ok: true } : { label: `${label}: failed`, ok: false, detail: step.error.message };
}

/** Test connection's steps as lines to keep with the consent: what the organization's page shows. */
export function reportLines(report: EntraConnectionReport): ConsentCheckLine[] {
  return [
    report.token.status === "failed" ? { label: "Token: not obtained", ok: false, detail: report.token.error.message } : { label: "Token obtained", ok: true },
    ...report.permissions.map((p) => ({ label: `${p.permission}: ${p.status}`, ok: p.status === "unknown" ? null : p.status === "granted" })),
    stepLine("Read one user", report.readUser),
    stepLine("Read one device", report.readDevice),
    ...(report.readGroupMembers ? [stepLine("Read a chosen group's members", report.readGroupMembers)] : []),
  ];
}

/**
 * The administrator's browser came back from the admin-consent page, signed in to Vertask or not (the customer's
 * administrator usually is not). The `state` is checked first (it is the only
 * defence against a forged answer); then a refusal is recorded as such, or the tenant is recorded on the organization's
 * connection and Test connection runs with the provider's app there. Graph is asked after the records are committed.
 */
export async function receiveConsentAnswer(answer: ConsentAnswer, now = new Date()): Promise<ConsentResult> {
  const request = await claimConsentRequest(answer.state ?? "", now);
  // Recorded in the name of the superuser who made the link, who must still be one.
  const actor = await superuserById(request.requestedById);
  if (!actor) throw new ConsentRefused("not-recorded");
  const [organization] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, request.organizationId));
  const name = organization?.name ?? "the organization";
  const result = (outcome: ConsentResult["outcome"]): ConsentResult => ({ organizationId: request.organizationId, outcome });
  // Microsoft sends `error` with admin_consent=True and the tenant on Cancel: any error means no consent.
  if (answer.error || answer.admin_consent?.toLowerCase() !== "true" || !answer.tenant || !isUuid(answer.tenant)) {
    await recordConsentDeclined(actor, request.id, name, declinedMessage(answer.error || "no consent"));
    return result("declined");
  }
  const provider = await findProviderApp();
  if (!provider) throw new ActionRefused("The provider's app was removed meanwhile: nothing was recorded.");
  await recordConsentGiven(actor, request, name, { tenantId: answer.tenant.toLowerCase(), clientId: provider.clientId });
  let tested: { ok: boolean; message: string; checks: ConsentCheckLine[] };
  try {
    const report = await testSavedConnection(actor, request.organizationId);
    tested = { ok: report.ok, message: report.summary, checks: reportLines(report) };
  } catch (error) {
    if (!(error instanceof ActionRefused)) throw error;
    tested = { ok: false, message: error.message, checks: [] };
  }
  await recordConsentTested(actor, request, name, tested);
  return result(tested.ok ? "connected" : "not_working");
}

async function superuserById(id: string): Promise<Actor | null> {
  const [staff] = await db.select({ id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, role: staffUsers.role }).from(staffUsers).where(eq(staffUsers.id, id));
  return staff?.role === "superuser" ? staff : null;
}

export { ConsentRefused };
