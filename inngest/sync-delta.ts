import { NonRetriableError } from "inngest";
import { EntraError } from "@/lib/azure";
import { inngest } from "@/lib/job-engine/client";
import { syncFunctionConcurrency } from "@/lib/job-engine/sync-concurrency";
import { deltaRequested, syncRequested } from "@/lib/job-engine/events";
import type { SyncKind } from "@/db/schema";
import { deltaRound } from "@/lib/sync-runs/delta-round";
import { deltaRequestedDuringRun } from "@/lib/sync-runs/delta-checks";
import { jobEngineGraphOptions } from "./step-runner";

/** Rounds one function goes before it leaves the next to an event of its own (requests kept coming during each look). */
const ROUNDS_PER_FUNCTION = 3;

/**
 * "Continuously (within a minute)": one delta round of one connection and kind, asked for by a Graph change
 * notification, a lifecycle notification or the minute's poll. Inngest debounces the requests per connection and
 * kind (the last of a burst runs 2 s after it, at most 10 s late: Graph sends its notifications in batches), and
 * runs one round per connection at a time within the shared limit of syncs at once; the rounds' own bookkeeping
 * (lib/sync-runs/delta-checks.ts) holds the same rule where no flow control runs: a request during a look or a run
 * makes one more after it, not one beside it. A round that finds changes queues a run and hands it to the sync
 * function of its kind.
 */
export const syncDelta = inngest.createFunction(
  {
    id: "sync-delta",
    triggers: [deltaRequested],
    debounce: { key: `event.data.connectionId + "-" + event.data.kind`, period: "2s", timeout: "10s" },
    concurrency: syncFunctionConcurrency(),
    retries: 2,
  },
  async ({ event, step }) => {
    const { connectionId, kind, reason } = event.data;
    for (let round = 0; round < ROUNDS_PER_FUNCTION; round++) {
      const outcome = await step.run(`delta-round-${round}`, () =>
        deltaRound(connectionId, kind, reason, jobEngineGraphOptions).catch((error: unknown) => {
          // A wrong secret or a missing permission is not retried: the tab shows it, and the next minute asks again.
          if (error instanceof EntraError && !error.retryable)
            throw new NonRetriableError(error.message, { cause: error });
          throw error;
        }),
      );
      if (outcome.ran) {
        await step.sendEvent(
          "request-sync",
          syncRequested[kind].create(
            { runId: outcome.runId, connectionId, trigger: "scheduled", full: false, requestedBy: null },
            { id: `sync-${outcome.runId}` },
          ),
        );
        return outcome;
      }
      if (!outcome.again) return outcome;
    }
    await step.sendEvent("request-another-round", deltaRequested.create({ connectionId, kind, reason }));
    return { ran: false, why: "requests kept coming: another round asked for", again: true };
  },
);

type StepTools = Parameters<Parameters<typeof inngest.createFunction>[1]>[0]["step"];

/**
 * The last step of every sync function: a delta round asked for while the run listed (a notification, a poll)
 * may be about a change the run did not see, so one more round follows the run.
 */
export async function followDeltaRequestsDuringRun(
  step: StepTools,
  run: { runId: string; connectionId: string; kind: SyncKind },
) {
  const reason = await step.run("delta-requested-during-run", () => deltaRequestedDuringRun(run.runId));
  if (reason)
    await step.sendEvent(
      "request-delta-after-run",
      deltaRequested.create({ connectionId: run.connectionId, kind: run.kind, reason }),
    );
}
