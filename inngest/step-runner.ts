import { NonRetriableError, RetryAfterError } from "inngest";
import { EntraError, type GraphOptions } from "@/lib/azure";
import type { StepRunner } from "@/lib/sync-runs/run-sync";
import { withHeartbeat } from "@/lib/sync-runs/run-owner";
import { addGraphWait } from "@/lib/sync/page-steps";

type StepTools = { run: (id: string, work: () => Promise<unknown>) => Promise<unknown> };

/**
 * How long a job step itself waits out Graph's Retry-After. A step that waits holds one of the job engine's
 * shared sync slots (Inngest counts executing steps), so a longer wait ends the step and the engine runs it
 * again after the wait, while other organizations' syncs use the slot.
 */
export const jobEngineGraphOptions: GraphOptions = { retry: { maxWaitSeconds: 10 } };

/**
 * Runs lib/sync's steps as Inngest steps, each with the run's heartbeat going (the run's live owner);
 * a failure that retrying cannot fix ends the run at once, and one that names its wait (Graph throttling,
 * a service that is down) is retried after that wait, counted in the run's history when Graph asked for it.
 */
export function inngestStepRunner(step: StepTools, runId: string): StepRunner {
  return (id, work) =>
    step.run(id, async () => {
      try {
        return await withHeartbeat(runId, work);
      } catch (error) {
        if (!(error instanceof EntraError)) throw error;
        if (!error.retryable) throw new NonRetriableError(error.message, { cause: error });
        const wait = error.fix.retryAfterSeconds;
        if (!wait) throw error;
        if (error.code === "throttled") await addGraphWait(runId, wait);
        throw new RetryAfterError(error.message, wait * 1000, { cause: error });
      }
    }) as never;
}
