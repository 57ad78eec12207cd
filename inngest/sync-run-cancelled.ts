import { inngest } from "./client";
import type { SyncRequestedData } from "./events";
import { syncDevices } from "./sync-devices";
import { syncUsers } from "./sync-users";
import { endRunAsCancelled } from "@/lib/sync-runs/cancel-run";

/** Inngest's own id for a function: the app id and the function id, joined. */
const inngestFunctionId = (fn: typeof syncUsers | typeof syncDevices) => fn.id(inngest.id);

/**
 * A sync that Inngest cancels (cancelOn, the dashboard, the REST API, a timeout) ends as cancelled in the
 * run history too, never left "running". Runs already ended by "Cancel sync" stay as they are.
 */
export const syncRunCancelled = inngest.createFunction(
  {
    id: "sync-run-cancelled",
    triggers: [
      {
        event: "inngest/function.cancelled",
        if: `event.data.function_id == '${inngestFunctionId(syncUsers)}' || event.data.function_id == '${inngestFunctionId(syncDevices)}'`,
      },
    ],
  },
  async ({ event, step }) => {
    const { runId } = (event.data as { event: { data: SyncRequestedData } }).event.data;
    const ended = await step.run("end-run-as-cancelled", () => endRunAsCancelled(runId, "Cancelled in the job engine (Inngest)."));
    return { runId, cancelled: Boolean(ended) };
  },
);
