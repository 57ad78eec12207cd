import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRuns, type SyncKind } from "@/db/schema";
import { recordAuditEventAbout } from "@/lib/organizations/audit";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findConnection } from "@/lib/connections";
import { alreadyRunningMessage, refuseUnlessSyncable, SyncNotPossibleError } from "./sync-possible";
import { syncRequested, usersPreviewRequested, type SyncRequestedData } from "@/lib/job-engine/events";
import { createSyncRun } from "./create-run";
import { sendJobEvent } from "@/lib/job-engine/send-event";

/**
 * "Sync users now" / "Sync devices now" / "Preview": records a queued run, then asks the job engine to run
 * it. A preview is a users run that writes no client.
 */
export async function requestSync(
  actor: Actor,
  kind: SyncKind,
  { organizationId, full = false, preview = false }: { organizationId: string; full?: boolean; preview?: boolean },
) {
  authorize(actor, "superuser");
  const connection = await findConnection(organizationId);
  refuseUnlessSyncable(connection, kind, { preview });
  const run = await createSyncRun({
    connectionId: connection.id,
    kind,
    trigger: "manual",
    full,
    preview,
    requestedById: actor.id,
    requestedByName: actor.name,
  });
  if (!run) throw new SyncNotPossibleError(await alreadyRunningMessage(connection.id, kind));

  const data: SyncRequestedData = {
    runId: run.id,
    connectionId: connection.id,
    trigger: "manual",
    full,
    requestedBy: actor.name,
  };
  const auditAction = preview ? "azure.users.preview-requested" : `azure.${kind}.sync-requested`;
  const summary = preview ? "Requested a preview of a users sync" : `Requested a ${full ? "full " : ""}sync of ${kind}`;
  try {
    await sendJobEvent((preview ? usersPreviewRequested : syncRequested[kind]).create(data, { id: `sync-${run.id}` }));
  } catch (error) {
    // The run never started: take it back, so the history shows only runs the job engine received.
    await db.transaction(async (tx) => {
      await tx.delete(syncRuns).where(and(eq(syncRuns.id, run.id), eq(syncRuns.status, "queued")));
      await recordAuditEventAbout(
        tx,
        { connectionId: connection.id },
        actor,
        auditAction,
        `${summary}: not started, the job engine could not be reached`,
      );
    });
    throw error;
  }
  await db.transaction((tx) => recordAuditEventAbout(tx, { connectionId: connection.id }, actor, auditAction, summary));
  return run;
}
