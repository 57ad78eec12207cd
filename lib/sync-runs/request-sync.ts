import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRuns, type SyncKind } from "@/db/schema";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { ActionRefused } from "@/lib/auth/action-refused";
import { findConnection, isSetUp, isWaitingForConsent, notSetUpMessage, waitingForConsentMessage } from "@/lib/sync-settings/connection-row";
import { syncRequested, usersPreviewRequested, type SyncRequestedData } from "@/lib/job-engine/events";
import { createSyncRun } from "./create-run";
import { sendJobEvent } from "@/lib/job-engine/send-event";

export class SyncNotPossibleError extends ActionRefused {}

const kindLabel = { users: "users", devices: "devices" } as const;

/** "A sync of users" or "A preview of users": what holds the one place a run of this kind has. */
async function activeRunName(connectionId: string, kind: SyncKind) {
  const [active] = await db
    .select({ preview: syncRuns.preview })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.kind, kind), inArray(syncRuns.status, ["queued", "running"])));
  return `A ${active?.preview ? "preview" : "sync"} of ${kindLabel[kind]}`;
}

/**
 * "Sync users now" / "Sync devices now" / "Preview": records a queued run, then asks the job engine to run
 * it. A preview is a users run that writes no client.
 */
export async function requestSync(actor: Actor, kind: SyncKind, { full = false, preview = false, organizationId }: { full?: boolean; preview?: boolean; organizationId?: string } = {}) {
  authorize(actor, "superuser");
  const connection = await findConnection(organizationId);
  if (isWaitingForConsent(connection)) throw new SyncNotPossibleError(waitingForConsentMessage);
  if (!isSetUp(connection)) throw new SyncNotPossibleError(notSetUpMessage);
  if (!connection.enabled) throw new SyncNotPossibleError("Azure User Sync is disabled: set Status to Enabled and Save Changes first.");

  if (preview && kind !== "users") throw new SyncNotPossibleError("Only a users sync can be previewed.");
  const run = await createSyncRun({ connectionId: connection.id, kind, trigger: "manual", full, preview, requestedById: actor.id, requestedByName: actor.name });
  if (!run) throw new SyncNotPossibleError(`${await activeRunName(connection.id, kind)} is already running: wait for it to finish.`);

  const data: SyncRequestedData = { runId: run.id, connectionId: connection.id, trigger: "manual", full, requestedBy: actor.name };
  const auditAction = preview ? "azure.users.preview-requested" : `azure.${kind}.sync-requested`;
  const summary = preview ? "Requested a preview of a users sync" : `Requested a ${full ? "full " : ""}sync of ${kindLabel[kind]}`;
  try {
    await sendJobEvent((preview ? usersPreviewRequested : syncRequested[kind]).create(data, { id: `sync-${run.id}` }));
  } catch (error) {
    // The run never started: take it back, so the history shows only runs the job engine received.
    await db.transaction(async (tx) => {
      await tx.delete(syncRuns).where(and(eq(syncRuns.id, run.id), eq(syncRuns.status, "queued")));
      await recordAuditEventAbout(tx, { connectionId: connection.id }, actor, auditAction, `${summary}: not started, the job engine could not be reached`);
    });
    throw error;
  }
  await db.transaction((tx) => recordAuditEventAbout(tx, { connectionId: connection.id }, actor, auditAction, summary));
  return run;
}
