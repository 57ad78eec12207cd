import "server-only";
import { inArray, eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { alertMails, entraConnections, organizations, type AlertCondition, type AlertMail } from "@/db/schema";
import { severalOrganizations } from "@/lib/organizations/queries";
import { alertMailContent, type AlertAbout } from "./wording";

export type ConditionEvent = { condition: AlertCondition; kind: AlertMail["kind"] };

/** Whom each condition is about, for the words: the organizations of all of them read in one query, and only when there are several. */
async function aboutEach(
  tx: Transaction,
  conditions: AlertCondition[],
): Promise<(condition: AlertCondition) => AlertAbout> {
  const connectionIds = [
    ...new Set(conditions.flatMap((condition) => (condition.connectionId ? [condition.connectionId] : []))),
  ];
  const named = connectionIds.length > 0 && (await severalOrganizations(tx));
  const rows = named
    ? await tx
        .select({ connectionId: entraConnections.id, id: organizations.id, name: organizations.name })
        .from(entraConnections)
        .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
        .where(inArray(entraConnections.id, connectionIds))
    : [];
  const byConnection = new Map(rows.map(({ connectionId, ...organization }) => [connectionId, organization]));
  return (condition) =>
    condition.providerAppId
      ? { providerApp: true }
      : { organization: byConnection.get(condition.connectionId!) ?? null };
}

/**
 * Records the mail of each condition event in the transaction that made the events, so an event is never left
 * unmailed or mailed twice; however many there are, in a fixed number of statements.
 */
export async function recordAlertMails(tx: Transaction, events: ConditionEvent[], now: Date) {
  if (events.length === 0) return;
  const about = await aboutEach(
    tx,
    events.map((event) => event.condition),
  );
  await tx.insert(alertMails).values(
    events.map(({ condition, kind }) => ({
      conditionId: condition.id,
      kind,
      createdAt: now,
      ...alertMailContent(condition, kind, about(condition)),
    })),
  );
}
