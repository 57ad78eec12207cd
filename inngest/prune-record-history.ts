import { NonRetriableError } from "inngest";
import { inngest } from "@/lib/job-engine/client";
import { deleteRecordEventsBefore, historyRetentionDays, historyRetentionProblem } from "@/lib/history";

const DAY_MS = 86_400_000;
/** Batches per step: 100,000 events at most, so a step stays short and a retried one redoes little. */
const BATCHES_PER_STEP = 20;
/** Inngest runs at most 1,000 steps: what is left after these waits for the next day. */
const MOST_STEPS = 900;

/**
 * Once a day, deletes the events of records' histories older than VERTASK_HISTORY_DAYS (default 400), in
 * batches that each commit on their own. The cutoff is fixed in the first step, so a retried step deletes
 * towards the same line.
 */
export const pruneRecordHistory = inngest.createFunction(
  {
    id: "prune-record-history",
    triggers: [{ cron: "30 3 * * *" }],
    singleton: { key: "prune-record-history", mode: "skip" },
  },
  async ({ step }) => {
    const cutoff = await step.run("find-cutoff", () => {
      // A server with such a value refuses to start (lib/server-start); retrying cannot mend it either.
      const problem = historyRetentionProblem();
      if (problem) throw new NonRetriableError(problem);
      return new Date(Date.now() - historyRetentionDays() * DAY_MS).toISOString();
    });
    let deleted = 0;
    for (let part = 0; part < MOST_STEPS; part++) {
      const pruned = await step.run(`delete-events-before-cutoff-${part}`, () =>
        deleteRecordEventsBefore(new Date(cutoff), BATCHES_PER_STEP),
      );
      deleted += pruned.deleted;
      if (pruned.done) break;
    }
    return { cutoff, deleted };
  },
);
