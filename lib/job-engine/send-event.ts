import "server-only";
import { ActionRefused } from "@/lib/auth/action-refused";
import { inngest } from "./client";

/** How to get the job engine running, for the Microsoft Azure tab and for a refused request. */
export const jobEngineStartHint =
  "In development, npm run dev starts it with npx inngest-cli@latest dev, which downloads the Inngest binary the first time " +
  "(what went wrong is in .data/inngest-dev.log); until it runs, npm run sync -- users and npm run sync -- devices sync from the command line. " +
  "In production, check INNGEST_EVENT_KEY and that Inngest is running.";

/**
 * What to tell an administrator when the job engine does not answer; `waiting` says what did not start. How to
 * start it is said once, in the Microsoft Azure tab's note (jobEngineStartHint), not again in every refusal.
 */
class JobEngineUnreachableError extends ActionRefused {
  constructor(waiting: string) {
    super(
      `The job engine (Inngest) cannot be reached, so ${waiting}: the note on the Microsoft Azure tab says what to do.`,
    );
  }
}

type JobEvent = Parameters<typeof inngest.send>[0] & { validate: () => Promise<unknown> };

/** The one way the app sends an event: one made by ./events, checked against its schema before it leaves. */
export async function sendJobEvent(event: JobEvent, waiting = "the sync was not started") {
  await event.validate();
  try {
    await inngest.send(event);
  } catch {
    throw new JobEngineUnreachableError(waiting);
  }
}
