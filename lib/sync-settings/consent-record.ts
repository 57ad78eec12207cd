import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { consentRequests, entraConnections, type ConsentCheckLine } from "@/db/schema";
import { recordAuditEvent } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { hashConsentState } from "./consent-state";

/** Why a return from the consent page was refused: each has its words (consentRefusalMessages). */
export type ConsentRefusal = "unknown" | "used" | "expired" | "not-recorded";

export class ConsentRefused extends ActionRefused {
  constructor(readonly reason: ConsentRefusal) {
    super(consentRefusalMessages[reason]);
  }
}

export const consentRefusalMessages: Record<ConsentRefusal, string> = {
  unknown: "This consent answer does not come from a link Vertask made: nothing was recorded. Ask your IT provider for a new admin consent link.",
  used: "This consent answer was already received once: nothing more was recorded.",
  expired: "This admin consent link expired (links work for 7 days): nothing was recorded. Ask your IT provider for a new one.",
  "not-recorded": "The organization no longer connects with the provider's app, or the provider's app changed meanwhile: nothing was recorded. Get a new admin consent link.",
};

/** The words for a refusal named in an address (?consent=…), or null for anything else. */
export const consentRefusalMessage = (reason: unknown) =>
  typeof reason === "string" && Object.hasOwn(consentRefusalMessages, reason) ? consentRefusalMessages[reason as ConsentRefusal] : null;

/**
 * Takes the request a returned `state` names, once: it must exist, be unused and unexpired. Checked before anything
 * else in the answer is read. The answer may come back to any browser (the customer's administrator's, usually).
 */
export async function claimConsentRequest(state: string, now: Date) {
  const [request] = await db.select().from(consentRequests).where(eq(consentRequests.stateHash, hashConsentState(state)));
  if (!request) throw new ConsentRefused("unknown");
  if (request.usedAt) throw new ConsentRefused("used");
  if (request.expiresAt <= now) throw new ConsentRefused("expired");
  // Two answers with the same state at once: only one claims it.
  const [claimed] = await db
    .update(consentRequests)
    .set({ usedAt: now })
    .where(and(eq(consentRequests.id, request.id), isNull(consentRequests.usedAt), gt(consentRequests.expiresAt, now)))
    .returning();
  if (!claimed) throw new ConsentRefused("used");
  return claimed;
}

/** A declined or unfinished consent: said on the organization's page; the connection is left as it was. */
export async function recordConsentDeclined(actor: Actor, requestId: string, organizationName: string, message: string) {
  await db.transaction(async (tx) => {
    await tx.update(consentRequests).set({ outcome: "declined", message }).where(eq(consentRequests.id, requestId));
    await recordAuditEvent(tx, actor, "organizations.consent-declined", `Admin consent for ${organizationName} was not given`);
  });
}

/**
 * The administrator consented in `tenantId`: the organization's connection signs in with the provider's app there from
 * now on. Another tenant than before starts again with full listings.
 */
export async function recordConsentGiven(actor: Actor, request: { id: string; organizationId: string }, organizationName: string, consent: { tenantId: string; clientId: string }) {
  return db.transaction(async (tx) => {
    const [connection] = await tx.select().from(entraConnections).where(eq(entraConnections.organizationId, request.organizationId)).for("update");
    if (connection?.method !== "provider_app") throw new ActionRefused(`${organizationName} no longer connects with the provider's app: nothing was recorded.`);
    const otherDirectory = connection.tenantId !== consent.tenantId || connection.clientId !== consent.clientId;
    const deltaLinks = otherDirectory ? { usersDeltaLink: null, devicesDeltaLink: null, usersDeltaWithExternal: null } : {};
    await tx.update(entraConnections).set({ ...consent, ...deltaLinks, updatedAt: new Date() }).where(eq(entraConnections.id, connection.id));
    await tx.update(consentRequests).set({ tenantId: consent.tenantId }).where(eq(consentRequests.id, request.id));
    await recordAuditEvent(tx, actor, "organizations.consent-given", `Admin consent for ${organizationName} given in tenant ${consent.tenantId}`, {
      "Directory (tenant) ID": { from: connection.tenantId ?? "", to: consent.tenantId },
    });
    return connection.id;
  });
}

/** What Test connection said right after the consent; a passing test turns syncing on (Status Enabled). */
export async function recordConsentTested(actor: Actor, request: { id: string; organizationId: string }, organizationName: string, result: { ok: boolean; message: string; checks: ConsentCheckLine[] }) {
  await db.transaction(async (tx) => {
    await tx.update(consentRequests).set({ outcome: result.ok ? "connected" : "not_working", message: result.message, checks: result.checks }).where(eq(consentRequests.id, request.id));
    if (!result.ok) return;
    const [connection] = await tx.select().from(entraConnections).where(eq(entraConnections.organizationId, request.organizationId));
    if (connection?.enabled === false) {
      await tx.update(entraConnections).set({ enabled: true, updatedAt: new Date() }).where(eq(entraConnections.id, connection.id));
      await recordAuditEvent(tx, actor, "azure.settings.updated", `Changed Status for ${organizationName} after its admin consent passed Test connection`, { Status: { from: "Disabled", to: "Enabled" } });
    }
  });
}
