import { inngest } from "@/lib/job-engine/client";
import { endedSyncRun } from "@/lib/job-engine/events";
import { previewUsers } from "./preview-users";
import { syncDevices } from "./sync-devices";
import { syncUsers } from "./sync-users";
import { endRunAsCancelled } from "@/lib/sync-runs/cancel-run";
import { failSyncRun } from "@/lib/sync-runs/fail-run";

/** Only the sync functions' runs: Inngest's id for a function is the app id and the function id, joined. */
const isSyncFunction = [syncUsers, syncDevices, previewUsers]
  .map((fn) => `event.data.function_id == '${fn.id(inngest.id)}'`)
  .join(" || ");

/**
 * A sync that Inngest ends for good — out of retries, or cancelled (cancelOn, the dashboard, the REST API, a
 * timeout) — ends as failed or cancelled in the run history too, never left "running". A run already ended
 * (Cancel sync, a failure the sync recorded itself) stays as it is.
 */
export const syncRunEndedByJobEngine = inngest.createFunction(
  {
    id: "sync-run-ended-by-job-engine",
    triggers: [
      { event: "inngest/function.failed", if: isSyncFunction },
      { event: "inngest/function.cancelled", if: isSyncFunction },
    ],
  },
  async ({ event, step }) => {
    const { event: original, error } = endedSyncRun.parse(event.data);
    const { runId } = original.data;
    if (event.name === "inngest/function.cancelled") {
      const ended = await step.run("end-run-as-cancelled", () =>
        endRunAsCancelled(runId, "Cancelled in the job engine (Inngest)."),
      );
      return { runId, cancelled: Boolean(ended) };
    }
    await step.run("record-failure", () =>
      failSyncRun(runId, new Error(error?.message ?? "The job engine gave up on this sync.")),
    );
    return { runId, failed: true };
  },
);
