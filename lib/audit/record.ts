import "server-only";
import type { Transaction } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/authorize";

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** Who did it: a staff member, or Vertask itself (the job engine, a command on the server), which has no id. */
export type AuditActor = Pick<Actor, "name"> & { id: string | null };

/** What the job engine does on its own, such as sending the invitations a sync made. */
export const jobEngineActor: AuditActor = { id: null, name: "Vertask (job engine)" };

/** Writes an audit row inside the caller's transaction, so it exists only if the change does. */
export async function recordAuditEvent(
  tx: Transaction,
  actor: AuditActor,
  action: string,
  summary: string,
  changes?: Changes,
) {
  await tx
    .insert(auditEvents)
    .values({ actorId: actor.id, actorName: actor.name, action, summary, changes: changes ?? null });
}
