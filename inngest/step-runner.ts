import { NonRetriableError } from "inngest";
import { EntraError } from "@/lib/azure";
import type { StepRunner } from "@/lib/sync/run-sync";

type StepTools = { run: (id: string, work: () => Promise<unknown>) => Promise<unknown> };

/** Runs lib/sync's steps as Inngest steps; a failure that retrying cannot fix ends the run at once. */
export function inngestStepRunner(step: StepTools): StepRunner {
  return (id, work) =>
    step.run(id, async () => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof EntraError && !error.retryable) throw new NonRetriableError(error.message, { cause: error });
        throw error;
      }
    }) as never;
}
