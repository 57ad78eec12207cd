import "server-only";
import { db } from "@/db/client";
import { syncRuns, type SyncKind, type SyncRun } from "@/db/schema";

type NewRun = {
  connectionId: string;
  kind: SyncKind;
  trigger: SyncRun["trigger"];
  full?: boolean;
  requestedById?: string | null;
  requestedByName?: string | null;
};

/** Records a queued run before anything starts; null when a run of this kind is already queued or running. */
export async function createSyncRun(run: NewRun): Promise<SyncRun | null> {
  const [created] = await db.insert(syncRuns).values({ full: false, ...run }).onConflictDoNothing().returning();
  return created ?? null;
}
