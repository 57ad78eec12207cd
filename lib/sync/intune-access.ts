import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, syncRuns } from "@/db/schema";
import type { RunPlan } from "./run-plan";

export const INTUNE_NOT_GRANTED_NOTE =
  "Intune details are skipped: the app is not granted DeviceManagementManagedDevices.Read.All, so devices syncs read Microsoft Entra only until it is (Test connection shows the consent link). Said once, not at every sync.";
export const INTUNE_READ_AGAIN_NOTE =
  "Intune details are read again: DeviceManagementManagedDevices.Read.All is granted now.";

/**
 * Keeps whether the connection's devices syncs can read Intune, and says so in this run only when it changed:
 * a missing permission is told once (not an error, not at every run), and its return once. One transaction
 * with the run locked while it runs, so a retried step tells nothing twice.
 */
export async function recordIntuneAccess(plan: Pick<RunPlan, "runId" | "connectionId">, readable: boolean) {
  await db.transaction(async (tx) => {
    const [run] = await tx
      .select({ status: syncRuns.status })
      .from(syncRuns)
      .where(eq(syncRuns.id, plan.runId))
      .for("update");
    if (run?.status !== "running") return;
    const [connection] = await tx
      .select({ intuneReadable: entraConnections.intuneReadable })
      .from(entraConnections)
      .where(eq(entraConnections.id, plan.connectionId))
      .for("update");
    if (!connection || connection.intuneReadable === readable) return;
    await tx
      .update(entraConnections)
      .set({ intuneReadable: readable })
      .where(eq(entraConnections.id, plan.connectionId));
    const note = !readable
      ? INTUNE_NOT_GRANTED_NOTE
      : connection.intuneReadable === false
        ? INTUNE_READ_AGAIN_NOTE
        : null;
    if (note) await tx.update(syncRuns).set({ intuneNote: note }).where(eq(syncRuns.id, plan.runId));
  });
}
