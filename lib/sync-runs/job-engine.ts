import "server-only";
import { inngest } from "@/inngest/client";
import { ActionRefused } from "@/lib/actions/action-refused";

/** How to get the job engine running, for the Microsoft Azure tab and for a refused request. */
export const jobEngineStartHint =
  "In development, start it with `npx inngest-cli@latest dev -u http://localhost:3000/api/inngest`; " +
  "in production, check INNGEST_EVENT_KEY and that Inngest is running.";

/** What to tell an administrator when the job engine does not answer. */
export const jobEngineUnreachableMessage = `The job engine (Inngest) cannot be reached, so the sync was not started. ${jobEngineStartHint}`;

export class JobEngineUnreachableError extends ActionRefused {
  constructor() {
    super(jobEngineUnreachableMessage);
  }
}

export async function sendJobEvent(event: { id: string; name: string; data: Record<string, unknown> }) {
  try {
    await inngest.send(event);
  } catch {
    throw new JobEngineUnreachableError();
  }
}
