import "server-only";
import type { Transaction } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/authorize";
import { namingOrganization } from "@/lib/organizations/queries";

type Changes = Record<string, { from: unknown; to: unknown }>;

/** Who did it: a staff member, or Vertask itself (the job engine, a command on the server), which has no id. */
type AuditActor = Pick<Actor, "name"> & { id: string | null };

/** What the job engine does on its own, such as sending the invitations a sync made. */
export const jobEngineActor: AuditActor = { id: null, name: "Vertask (job engine)" };

/** Writes an audit row inside the caller's transaction, so it exists only if the change does. */
export async function recordAuditEvent(tx: Transaction, actor: AuditActor, action: string, summary: string, changes?: Changes) {
  await tx.insert(auditEvents).values({ actorId: actor.id, actorName: actor.name, action, summary, changes: changes ?? null });
}

/**
 * An audit row about one organization (a connection's settings and syncs, a client added by hand): with two
 * or more organizations its summary starts with the organization's name ("Contoso: Changed Status").
 */
export async function recordAuditEventAbout(
  tx: Transaction,
  about: { connectionId: string } | { organizationId: string },
  actor: AuditActor,
  action: string,
  summary: string,
  changes?: Changes,
) {
  await recordAuditEvent(tx, actor, action, await namingOrganization(tx, about, summary), changes);
}
