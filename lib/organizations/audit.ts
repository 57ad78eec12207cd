import "server-only";
import type { Transaction } from "@/db/client";
import { recordAuditEvent, type AuditActor, type Changes } from "@/lib/audit/record";
import { namingOrganization } from "./queries";

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
