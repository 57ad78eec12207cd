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
  // A full devices sync lists the owners first, so the listing writes each device once, with its owner.
  const listOwnersFrom = async (firstIndex: number) => {
    let [index, ownersLink]: [number, string | null] = [firstIndex, null];
    do {
      const [current, at, from]: [RunPlan, number, string | null] = [plan, index, ownersLink];
      const listOwners = (): Promise<PagesStepResult> => syncPages(current, deviceOwnersListing, at, from, options);
      const owners: PagesStepResult = await runStep(`device-owners-pages-from-${at}`, recordingFailure(listOwners));
      index = owners.nextIndex;
      ownersLink = "nextLink" in owners ? owners.nextLink : null;
      onProgress?.({ pagesDone: index, phase: "owners" });
    } while (ownersLink);
    return index;
  };
  const listsOwners = () => plan.kind === "devices" && plan.mode === "full";
  try {
    let pageIndex = listsOwners() ? await listOwnersFrom(0) : 0;
    let link = plan.startLink;
    let deltaLink: string | null = null;
    for (;;) {
      const [current, index, from] = [plan, pageIndex, link];
      const listPages = () =>
        current.kind === "users" ? syncPages(current, usersListing, index, from, options) : syncPages(current, devicesListing, index, from, options);
      const listed = await runStep(`${current.kind}-pages-from-${index}`, recordingFailure(listPages));
      pageIndex = listed.nextIndex;
      if ("fullResyncNeeded" in listed) {
        plan = await runStep(`full-listing-from-page-${pageIndex}`, () => switchToFullListing(current));
        if (listsOwners()) pageIndex = await listOwnersFrom(pageIndex);
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
