import "server-only";
import { ActionRefused } from "@/lib/auth/action-refused";
import { inngest } from "./client";

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
