import { NonRetriableError } from "inngest";
import { EntraError } from "@/lib/azure";
import type { StepRunner } from "@/lib/sync-runs/run-sync";
import { withHeartbeat } from "@/lib/sync-runs/run-owner";

type StepTools = { run: (id: string, work: () => Promise<unknown>) => Promise<unknown> };

/**
 * Runs lib/sync's steps as Inngest steps, each with the run's heartbeat going (the run's live owner);
 * a failure that retrying cannot fix ends the run at once.
 */
export function inngestStepRunner(step: StepTools, runId: string): StepRunner {
  return (id, work) =>
    step.run(id, async () => {
      try {
        return await withHeartbeat(runId, work);
      } catch (error) {
        if (error instanceof EntraError && !error.retryable) throw new NonRetriableError(error.message, { cause: error });
        throw error;
      }
    }) as never;
}
