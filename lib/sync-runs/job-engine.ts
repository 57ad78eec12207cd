import "server-only";
import { inngest } from "@/inngest/client";
import { ActionRefused } from "@/lib/actions/action-refused";

/** How to get the job engine running, for the Microsoft Azure tab and for a refused request. */
export const jobEngineStartHint =
  "In development, start it with `npx inngest-cli@latest dev -u http://localhost:3000/api/inngest`; " +
  "in production, check INNGEST_EVENT_KEY and that Inngest is running.";

/** What to tell an administrator when the job engine does not answer; `waiting` says what did not start. */
export class JobEngineUnreachableError extends ActionRefused {
  constructor(waiting: string) {
    super(`The job engine (Inngest) cannot be reached, so ${waiting}. ${jobEngineStartHint}`);
  }
}

export async function sendJobEvent(event: { id: string; name: string; data: Record<string, unknown> }, waiting = "the sync was not started") {
  try {
    await inngest.send(event);
  } catch {
    throw new JobEngineUnreachableError(waiting);
  }
}
