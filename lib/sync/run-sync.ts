import "server-only";
import { EntraError, type GraphOptions } from "@/lib/azure";
import { deviceOwnersListing, devicesListing } from "./devices-page";
import { finishSyncRun } from "./finish-run";
import { beginSyncRun, failSyncRun, switchToFullListing, type RunPlan } from "./run-context";
import { syncPages, type PagesStepResult } from "./page-steps";
import { usersListing } from "./users-page";

/** Runs one named step: Inngest's step.run (memoized, retried) or, for the command line, a plain call. */
export type StepRunner = <T>(id: string, work: () => Promise<T>) => Promise<T>;

export type SyncProgress = { pagesDone: number; phase: "listing" | "owners" };

/**
 * The whole sync of one run, step by step: begin → (a full devices sync: the owners) → steps of up to
 * PAGES_PER_STEP Graph pages → finish.
 * Steps pass only ids, counters and links. The job engine and the command line both run this.
 */
export async function runSync(runId: string, runStep: StepRunner, options: GraphOptions = {}, onProgress?: (p: SyncProgress) => void) {
  const begun = await runStep("begin-run", () => beginSyncRun(runId));
  if (!begun) return { status: "skipped" as const };
  let plan: RunPlan = begun;
  // A failure no retry can fix (a wrong secret, a missing permission) is recorded at once, in words.
  const recordingFailure = <T>(work: () => Promise<T>) => async () => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof EntraError && !error.retryable) await failSyncRun(runId, error);
      throw error;
    }
  };
  let pageIndex = 0;
  // A full devices sync lists the owners first, so the listing writes each device once, with its owner.
  const listOwnersIfFull = async () => {
    if (plan.kind !== "devices" || plan.mode !== "full") return;
    let ownersLink: string | null = null;
    do {
      const [current, index, from]: [RunPlan, number, string | null] = [plan, pageIndex, ownersLink];
      const owners: PagesStepResult = await runStep(`device-owners-pages-from-${index}`, recordingFailure(() => syncPages(current, deviceOwnersListing, index, from, options)));
      pageIndex = owners.nextIndex;
      ownersLink = "nextLink" in owners ? owners.nextLink : null;
      onProgress?.({ pagesDone: pageIndex, phase: "owners" });
    } while (ownersLink);
  };
  try {
    await listOwnersIfFull();
    let link = plan.startLink;
    let deltaLink: string | null = null;
    for (;;) {
      const [current, index, from] = [plan, pageIndex, link];
      const listed = await runStep(`${current.kind}-pages-from-${index}`, recordingFailure(() =>
        current.kind === "users" ? syncPages(current, usersListing, index, from, options) : syncPages(current, devicesListing, index, from, options)));
      pageIndex = listed.nextIndex;
      if ("fullResyncNeeded" in listed) {
        plan = await runStep(`full-listing-from-page-${pageIndex}`, () => switchToFullListing(current));
        await listOwnersIfFull();
        link = null;
        continue;
      }
      onProgress?.({ pagesDone: pageIndex, phase: "listing" });
      if (!listed.nextLink) {
        deltaLink = listed.deltaLink;
        break;
      }
      link = listed.nextLink;
    }
    const finalPlan = plan;
    return await runStep("finish-run", () => finishSyncRun(finalPlan, { deltaLink }));
  } catch (error) {
    await runStep("record-failure", () => failSyncRun(runId, error));
    throw error;
  }
}
