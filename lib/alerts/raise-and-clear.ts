import "server-only";
import { and, eq, inArray, isNotNull, isNull, or, sql, type SQL } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { alertConditions, type AlertCondition } from "@/db/schema";
import {
  isConditionOf,
  isWorseStage,
  subjectColumns,
  type AlertSubject,
  type ConditionKey,
  type SecretStage,
} from "./conditions";
import { recordAlertMails, type ConditionEvent } from "./record-alert-mails";

export type Raise = { subject: AlertSubject; key: ConditionKey; summary: string; stage?: SecretStage };
export type RaiseOutcome = "opened" | "escalated" | "unchanged";

/** The open conditions these raises name, locked until the transaction ends: one query for all of them. */
async function openConditionsOf(tx: Transaction, raises: Raise[]) {
  const connectionIds = raises.flatMap(({ subject }) => ("connectionId" in subject ? [subject.connectionId] : []));
  return tx
    .select()
    .from(alertConditions)
    .where(
      and(
        isNull(alertConditions.clearedAt),
        inArray(alertConditions.conditionKey, [...new Set(raises.map((raise) => raise.key))]),
        or(inArray(alertConditions.connectionId, connectionIds), isNotNull(alertConditions.providerAppId)),
      ),
    )
    .for("update");
}

/** Moves open conditions to their new stage and words, all in one statement. */
async function restage(tx: Transaction, changes: { condition: AlertCondition; raise: Raise }[]) {
  if (changes.length === 0) return;
  const values = sql.join(
    changes.map(({ condition, raise }) => sql`(${condition.id}::uuid, ${raise.stage}, ${raise.summary})`),
    sql`, `,
  );
  await tx.execute(
    sql`UPDATE alert_conditions AS a SET stage = v.stage, summary = v.summary FROM (VALUES ${values}) AS v(id, stage, summary) WHERE a.id = v.id`,
  );
}

/**
 * Opens conditions and records their mails, in one transaction and a fixed number of statements however many
 * there are. Raising one that is already open changes nothing and mails nobody (50 failing runs, one mail),
 * unless it reaches a worse stage (the secret's 30 → 7 → 1 days → expired), which is mailed once per stage.
 * A milder stage (a later date saved) is kept without a mail. Returns what happened to each, in order.
 */
export async function raiseConditions(raises: Raise[], now: Date): Promise<RaiseOutcome[]> {
  if (raises.length === 0) return [];
  return db.transaction(async (tx) => {
    // The partial unique indexes allow one open row per condition: a second raise, even a concurrent one, inserts nothing.
    const opened = await tx
      .insert(alertConditions)
      .values(
        raises.map((raise) => ({
          ...subjectColumns(raise.subject),
          conditionKey: raise.key,
          summary: raise.summary,
          stage: raise.stage ?? null,
          openedAt: now,
        })),
      )
      .onConflictDoNothing()
      .returning();
    const isOpened = (raise: Raise) =>
      opened.some((row) => row.conditionKey === raise.key && isConditionOf(row, raise.subject));
    const outcomes: RaiseOutcome[] = raises.map((raise) => (isOpened(raise) ? "opened" : "unchanged"));
    const events: ConditionEvent[] = opened.map((condition) => ({ condition, kind: "raised" }));

    const staged = raises.filter((raise, i) => raise.stage && outcomes[i] === "unchanged");
    const open = staged.length ? await openConditionsOf(tx, staged) : [];
    const changes = staged.flatMap((raise) => {
      const condition = open.find((row) => row.conditionKey === raise.key && isConditionOf(row, raise.subject));
      return condition && condition.stage !== raise.stage ? [{ condition, raise }] : [];
    });
    await restage(tx, changes);
    for (const { condition, raise } of changes) {
      if (!isWorseStage(raise.stage!, condition.stage)) continue;
      outcomes[raises.indexOf(raise)] = "escalated";
      events.push({ condition: { ...condition, stage: raise.stage!, summary: raise.summary }, kind: "escalated" });
    }
    await recordAlertMails(tx, events, now);
    return outcomes;
  });
}

/** One condition raised, as raiseConditions does it. */
export async function raiseCondition(raise: Raise, now: Date): Promise<RaiseOutcome> {
  const [outcome] = await raiseConditions([raise], now);
  return outcome;
}

async function clearWhere(where: SQL, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const cleared = await tx
      .update(alertConditions)
      .set({ clearedAt: now })
      .where(and(isNull(alertConditions.clearedAt), where))
      .returning();
    await recordAlertMails(
      tx,
      cleared.map((condition) => ({ condition, kind: "cleared" as const })),
      now,
    );
    return cleared.length;
  });
}

/** Clears whichever of these conditions of one connection (or of the provider app) are open, recording one recovery mail for each. */
export async function clearConditions(subject: AlertSubject, keys: ConditionKey[], now: Date): Promise<number> {
  const whose =
    "connectionId" in subject
      ? eq(alertConditions.connectionId, subject.connectionId)
      : isNotNull(alertConditions.providerAppId);
  return clearWhere(and(whose, inArray(alertConditions.conditionKey, keys))!, now);
}

/** Clears these open conditions, found already (the alert sweep), in one statement, recording one recovery mail for each. */
export async function clearConditionsById(conditionIds: string[], now: Date): Promise<number> {
  if (conditionIds.length === 0) return 0;
  return clearWhere(inArray(alertConditions.id, conditionIds), now);
}
