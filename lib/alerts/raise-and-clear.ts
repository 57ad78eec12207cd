import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { alertConditions, alertMails, type AlertCondition, type AlertMail } from "@/db/schema";
import { isWorseStage, type ConditionKey, type SecretStage } from "./conditions";
import { organizationNameToShow } from "@/lib/organizations/queries";
import { alertMailContent } from "./wording";

export type Raise = { connectionId: string; key: ConditionKey; summary: string; stage?: SecretStage; now: Date };

// The mail is recorded in the same transaction as the event, so an event never goes unmailed or is mailed twice.
// With two or more organizations it says whose connection it is about.
async function recordMail(tx: Transaction, condition: AlertCondition, kind: AlertMail["kind"], now: Date) {
  const organizationName = await organizationNameToShow(tx, { connectionId: condition.connectionId });
  await tx.insert(alertMails).values({ conditionId: condition.id, kind, createdAt: now, ...alertMailContent(condition, kind, organizationName) });
}

/**
 * Opens a condition and records its mail. Raising one that is already open changes nothing and mails
 * nobody (50 failing runs, one mail), unless it reaches a worse stage (the secret's 30 → 7 → 1 days →
 * expired), which is mailed once per stage. A milder stage (a later date saved) is kept without a mail.
 */
export async function raiseCondition({ connectionId, key, summary, stage, now }: Raise): Promise<"opened" | "escalated" | "unchanged"> {
  return db.transaction(async (tx) => {
    // The partial unique index allows one open row per condition: a second raise, even a concurrent one, inserts nothing.
    const [opened] = await tx
      .insert(alertConditions)
      .values({ connectionId, conditionKey: key, summary, stage: stage ?? null, openedAt: now })
      .onConflictDoNothing()
      .returning();
    if (opened) {
      await recordMail(tx, opened, "raised", now);
      return "opened";
    }
    if (!stage) return "unchanged";
    const [open] = await tx
      .select()
      .from(alertConditions)
      .where(and(eq(alertConditions.connectionId, connectionId), eq(alertConditions.conditionKey, key), isNull(alertConditions.clearedAt)))
      .for("update");
    if (!open || open.stage === stage) return "unchanged";
    const [changed] = await tx.update(alertConditions).set({ stage, summary }).where(eq(alertConditions.id, open.id)).returning();
    if (!isWorseStage(stage, open.stage)) return "unchanged";
    await recordMail(tx, changed, "escalated", now);
    return "escalated";
  });
}

/** Clears whichever of these conditions are open, recording one recovery mail for each. */
export async function clearConditions(connectionId: string, keys: ConditionKey[], now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const cleared = await tx
      .update(alertConditions)
      .set({ clearedAt: now })
      .where(and(eq(alertConditions.connectionId, connectionId), inArray(alertConditions.conditionKey, keys), isNull(alertConditions.clearedAt)))
      .returning();
    for (const condition of cleared) await recordMail(tx, condition, "cleared", now);
    return cleared.length;
  });
}

/** The keys of a connection's open conditions. */
export async function openConditionKeys(connectionId: string): Promise<Set<string>> {
  const rows = await db
    .select({ key: alertConditions.conditionKey })
    .from(alertConditions)
    .where(and(eq(alertConditions.connectionId, connectionId), isNull(alertConditions.clearedAt)));
  return new Set(rows.map((row) => row.key));
}
