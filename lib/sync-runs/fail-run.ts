import "server-only";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { runIsActive } from "@/db/run-filters";
import { databaseLostMessage, isDatabaseConnectionLost } from "@/db/connection-lost";
import { syncRuns } from "@/db/schema";
import { EntraError } from "@/lib/azure";
import { alertOnRunEnded } from "@/lib/alerts/run-alerts";

/** Ends a queued or running run as failed, in words an administrator can act on, and tells the alerts. */
export async function failSyncRun(runId: string, error: unknown) {
  const databaseLost = isDatabaseConnectionLost(error);
  const message = databaseLost
    ? databaseLostMessage
    : error instanceof Error
      ? error.message
      : "The sync failed for an unknown reason.";
  const code = error instanceof EntraError ? error.code : databaseLost ? "database_lost" : "sync_failed";
  await db
    .update(syncRuns)
    .set({ status: "failed", finishedAt: new Date(), errorCode: code, errorMessage: message })
    .where(and(eq(syncRuns.id, runId), runIsActive));
  await alertOnRunEnded(runId);
}
