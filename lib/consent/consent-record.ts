import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { consentRequests, entraConnections, type ConsentCheckLine, type ConsentTenantDetails } from "@/db/schema";
import { recordAuditEvent, type AuditActor } from "@/lib/audit/record";
import { ConsentRefused } from "./consent-refusals";
import { lockConnections } from "@/lib/connections";
import { answerRefusal, type ConsentRequest } from "./consent-checks";

/** A new link, with what its answer may bind, and its audit row. */
export async function recordConsentLink(
  actor: AuditActor,
  organizationName: string,
  link: typeof consentRequests.$inferInsert,
) {
  await db.transaction(async (tx) => {
    await tx.insert(consentRequests).values(link);
    const forWhom = link.expectedTenantId
      ? `tenant ${link.expectedTenantId}`
      : "any tenant (a superuser confirms the answer)";
    await recordAuditEvent(
      tx,
      actor,
      "organizations.consent-link-created",
      `Made an admin consent link for ${organizationName}, for ${forWhom}`,
    );
  });
}

type Answer = { outcome: "declined" | "refused"; tenantId: string | null; message: string };

/**
 * A declined or refused answer: kept as the request's last answer (the organization's page shows it) and in the audit
 * log; the link stays usable, the connection as it was. An answer after the link was used changes nothing.
 */
export async function recordUnboundAnswer(
  actor: AuditActor,
  request: ConsentRequest,
  organizationName: string,
  answer: Answer,
  now: Date,
) {
  await db.transaction(async (tx) => {
    const [kept] = await tx
      .update(consentRequests)
      .set({
        answeredAt: now,
        outcome: answer.outcome,
        tenantId: answer.tenantId,
        tenantDetails: null,
        message: answer.message,
        checks: null,
      })
      .where(and(eq(consentRequests.id, request.id), isNull(consentRequests.usedAt)))
      .returning({ id: consentRequests.id });
    if (!kept) return;
    if (answer.outcome === "declined")
      await recordAuditEvent(
        tx,
        actor,
        "organizations.consent-declined",
        `Admin consent for ${organizationName} was not given`,
      );
    else
      await recordAuditEvent(
        tx,
        actor,
        "organizations.consent-refused",
        `Refused an admin consent answer for ${organizationName} from tenant ${answer.tenantId}: ${answer.message}`,
      );
  });
}

/** Uses the link, in the transaction that records what came of it: two answers at once, only one uses it. */
async function useLink(tx: Transaction, request: ConsentRequest, now: Date, answer: Partial<ConsentRequest>) {
  const [used] = await tx
    .update(consentRequests)
    .set({ usedAt: now, answeredAt: now, ...answer })
    .where(
      and(
        eq(consentRequests.id, request.id),
        isNull(consentRequests.usedAt),
        isNull(consentRequests.voidedAt),
        gt(consentRequests.expiresAt, now),
      ),
    )
    .returning({ id: consentRequests.id });
  if (!used) throw new ConsentRefused("used", request.organizationId);
}

/** No tenant was known when the link was made: the answer uses it and waits for a signed-in superuser's confirmation. */
export async function recordAnswerAwaitingConfirmation(
  actor: AuditActor,
  request: ConsentRequest,
  organizationName: string,
  tenant: { tenantId: string; details: ConsentTenantDetails },
  now: Date,
) {
  await db.transaction(async (tx) => {
    await lockConnections(tx);
    const refused = await answerRefusal(tx, request, organizationName, tenant.tenantId);
    if (refused) throw refused;
    await useLink(tx, request, now, {
      outcome: "awaiting_confirmation",
      tenantId: tenant.tenantId,
      tenantDetails: tenant.details,
      message: null,
      checks: null,
    });
    await recordAuditEvent(
      tx,
      actor,
      "organizations.consent-received",
      `Admin consent for ${organizationName} received from tenant ${tenant.tenantId}: waiting for a superuser's confirmation`,
    );
  });
}

/**
 * Binds the tenant to the organization's connection: from a link made for that tenant (`link`), or by a superuser
 * confirming an answer that waited (`confirmation`). Checked again under the connections' lock; another tenant than
 * before starts again with full listings. Test connection runs after the commit (no Graph call in a transaction).
 */
export async function bindConsentedTenant(
  actor: AuditActor,
  request: ConsentRequest,
  organizationName: string,
  tenantId: string,
  by: "link" | "confirmation",
  now: Date,
) {
  return db.transaction(async (tx) => {
    await lockConnections(tx);
    const refused = await answerRefusal(tx, request, organizationName, tenantId);
    if (refused) throw refused;
    const pending = {
      outcome: "not_working" as const,
      tenantId,
      message: "Consent recorded: Test connection has not finished yet.",
      checks: null,
    };
    if (by === "link") await useLink(tx, request, now, pending);
    else await confirmWaitingAnswer(tx, request, pending);
    const [connection] = await tx
      .select()
      .from(entraConnections)
      .where(eq(entraConnections.organizationId, request.organizationId))
      .for("update");
    const otherDirectory = connection.tenantId?.toLowerCase() !== tenantId || connection.clientId !== request.clientId;
    const deltaLinks = otherDirectory
      ? { usersDeltaLink: null, devicesDeltaLink: null, usersDeltaWithExternal: null, intuneReadable: null }
      : {};
    await tx
      .update(entraConnections)
      .set({ tenantId, clientId: request.clientId, ...deltaLinks, updatedAt: now })
      .where(eq(entraConnections.id, connection.id));
    const how = by === "link" ? "given" : `confirmed by ${actor.name}`;
    await recordAuditEvent(
      tx,
      actor,
      by === "link" ? "organizations.consent-given" : "organizations.consent-confirmed",
      `Admin consent for ${organizationName} ${how} in tenant ${tenantId}`,
      {
        "Directory (tenant) ID": { from: connection.tenantId ?? "", to: tenantId },
      },
    );
    return connection.id;
  });
}

async function confirmWaitingAnswer(tx: Transaction, request: ConsentRequest, answer: Partial<ConsentRequest>) {
  const [confirmed] = await tx
    .update(consentRequests)
    .set(answer)
    .where(
      and(
        eq(consentRequests.id, request.id),
        eq(consentRequests.outcome, "awaiting_confirmation"),
        isNull(consentRequests.voidedAt),
      ),
    )
    .returning({ id: consentRequests.id });
  if (!confirmed) throw new ConsentRefused("used", request.organizationId);
}

/** What Test connection said right after the tenant was bound; a passing test turns syncing on (Status Enabled). */
export async function recordConsentTested(
  actor: AuditActor,
  request: ConsentRequest,
  organizationName: string,
  result: { ok: boolean; message: string; checks: ConsentCheckLine[] },
) {
  await db.transaction(async (tx) => {
    await tx
      .update(consentRequests)
      .set({ outcome: result.ok ? "connected" : "not_working", message: result.message, checks: result.checks })
      .where(eq(consentRequests.id, request.id));
    if (!result.ok) return;
    const [connection] = await tx
      .select()
      .from(entraConnections)
      .where(eq(entraConnections.organizationId, request.organizationId));
    if (connection?.enabled === false) {
      await tx
        .update(entraConnections)
        .set({ enabled: true, updatedAt: new Date() })
        .where(eq(entraConnections.id, connection.id));
      await recordAuditEvent(
        tx,
        actor,
        "azure.settings.updated",
        `Changed Status for ${organizationName} after its admin consent passed Test connection`,
        { Status: { from: "Disabled", to: "Enabled" } },
      );
    }
  });
}

/** A superuser turns down an answer that waited for confirmation: nothing is bound; a new link asks again. */
export async function recordAnswerRejected(actor: AuditActor, request: ConsentRequest, organizationName: string) {
  await db.transaction(async (tx) => {
    await confirmWaitingAnswer(tx, request, {
      outcome: "rejected",
      message: `Not confirmed by ${actor.name}: nothing was recorded.`,
    });
    await recordAuditEvent(
      tx,
      actor,
      "organizations.consent-rejected",
      `Rejected the admin consent for ${organizationName} from tenant ${request.tenantId}`,
    );
  });
}
