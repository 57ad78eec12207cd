import "server-only";
import type { Transaction } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/authorize";

type Changes = Record<string, { from: unknown; to: unknown }>;

/** Writes an audit row inside the caller's transaction, so it exists only if the change does. */
export async function recordAuditEvent(tx: Transaction, actor: Actor, action: string, summary: string, changes?: Changes) {
  await tx.insert(auditEvents).values({ actorId: actor.id, actorName: actor.name, action, summary, changes: changes ?? null });
}
