import "server-only";
import { db } from "@/db/client";
import { activeRunsOf } from "@/db/run-filters";
import { syncRuns, type EntraConnection, type SyncKind } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";
import { notReadyMessages, readinessFactsOf, syncReadiness } from "@/lib/connections";

// What may start a run, asked the same way by "Sync now" / "Preview" (request-sync.ts) and by `npm run sync`.

export class SyncNotPossibleError extends ActionRefused {}

/** Refuses, in the words the page and the command line both show, a sync (or a preview) this connection cannot run now. */
export function refuseUnlessSyncable(
  connection: EntraConnection | null,
  kind: SyncKind,
  { preview = false } = {},
): asserts connection is EntraConnection {
  const readiness = syncReadiness(connection && readinessFactsOf(connection));
  if (readiness !== "ready") throw new SyncNotPossibleError(notReadyMessages[readiness]);
  if (preview && kind !== "users") throw new SyncNotPossibleError("Only a users sync can be previewed.");
}

/** "A sync of users is already running: …" or "A preview of users …": what holds the one place a run of this kind has. */
export async function alreadyRunningMessage(connectionId: string, kind: SyncKind) {
  const [active] = await db
    .select({ preview: syncRuns.preview })
    .from(syncRuns)
    .where(activeRunsOf(connectionId, kind));
  return `A ${active?.preview ? "preview" : "sync"} of ${kind} is already running: wait for it to finish.`;
}
