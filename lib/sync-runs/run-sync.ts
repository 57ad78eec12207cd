import "server-only";
import { EntraError } from "@/lib/azure";
import { deviceOwnersListing, devicesListing } from "@/lib/sync/devices-page";
import { finishSyncRun } from "./finish-run";
import { beginSyncRun, switchToFullListing } from "./begin-run";
import { failSyncRun } from "./fail-run";
import type { RunPlan } from "@/lib/sync/run-plan";
import { syncPages, type PageStepOptions, type PagesStepResult } from "@/lib/sync/page-steps";
import { usersListing } from "@/lib/sync/users-page";

/** Runs one named step: Inngest's step.run (memoized, retried) or, for the command line, a plain call. */
export type StepRunner = <T>(id: string, work: () => Promise<T>) => Promise<T>;

export type SyncProgress = { pagesDone: number; phase: "listing" | "owners" };

/**
 * The whole sync of one run, step by step: begin → (a full devices sync: the owners) → steps of up to
 * PAGES_PER_STEP Graph pages → finish.
 * Steps pass only ids, counters and links. The job engine and the command line both run this.
 * Once `options.signal` is aborted no further page starts and the run is left for the caller to end
 * ("stopped"); a run ended meanwhile by someone else (cancelled, taken over) finishes as it was ended.
 */
export async function runSync(runId: string, runStep: StepRunner, options: PageStepOptions = {}, onProgress?: (p: SyncProgress) => void) {
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
      if ("runEnded" in owners) return { index, ended: true };
    } while (ownersLink && !options.signal?.aborted);
    return { index, ended: false };
  };
  const listsOwners = () => plan.kind === "devices" && plan.mode === "full";
  const stopped = () => Boolean(options.signal?.aborted);
  try {
    const owners = listsOwners() ? await listOwnersFrom(0) : { index: 0, ended: false };
    let pageIndex = owners.index;
    let link = plan.startLink;
    let deltaLink: string | null = null;
    for (let ended = owners.ended; !ended; ) {
      if (stopped()) return { status: "stopped" as const };
      const [current, index, from] = [plan, pageIndex, link];
      const listPages = () =>
        current.kind === "users" ? syncPages(current, usersListing, index, from, options) : syncPages(current, devicesListing, index, from, options);
      const listed = await runStep(`${current.kind}-pages-from-${index}`, recordingFailure(listPages));
      pageIndex = listed.nextIndex;
      if ("runEnded" in listed) break;
      if ("fullResyncNeeded" in listed) {
        plan = await runStep(`full-listing-from-page-${pageIndex}`, () => switchToFullListing(current));
        if (listsOwners()) ({ index: pageIndex, ended } = await listOwnersFrom(pageIndex));
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
    if (stopped()) return { status: "stopped" as const };
    const finalPlan = plan;
    return await runStep("finish-run", () => finishSyncRun(finalPlan, { deltaLink }));
  } catch (error) {
    await runStep("record-failure", () => failSyncRun(runId, error));
    throw error;
  }
}
