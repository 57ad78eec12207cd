import "server-only";
import { EntraError } from "@/lib/azure";
import { deviceOwnersListing, devicesListing } from "@/lib/sync/devices-page";
import { finishSyncRun } from "./finish-run";
import { beginSyncRun, switchToFullListing } from "./begin-run";
import { failSyncRun } from "./fail-run";
import type { RunPlan } from "@/lib/sync/run-plan";
import { syncPages, type PageListing, type PageStepOptions, type PagesStepResult } from "@/lib/sync/page-steps";
import { scopeMembersListing } from "@/lib/sync/scope-members-page";
import { usersDeltaLinkFromNow, usersFullListing, usersListing } from "@/lib/sync/users-page";

/** Runs one named step: Inngest's step.run (memoized, retried) or, for the command line, a plain call. */
export type StepRunner = <T>(id: string, work: () => Promise<T>) => Promise<T>;

export type SyncProgress = { pagesDone: number; phase: "listing" | "owners" | "members" };

type FirstPass = {
  name: string;
  phase: SyncProgress["phase"];
  list: (plan: RunPlan, firstIndex: number, link: string | null, options: PageStepOptions) => Promise<PagesStepResult>;
};

function firstPass<P extends { nextLink: string | null; deltaLink: string | null }, W>(name: string, phase: SyncProgress["phase"], listing: PageListing<P, W>): FirstPass {
  return { name, phase, list: (plan, firstIndex, link, options) => syncPages(plan, listing, firstIndex, link, options) };
}

/**
 * What a run lists before its objects: a full devices sync, each device's owner (so a device is written
 * once, with its owner); a group-scoped users sync, the chosen groups' members.
 */
function firstPasses(plan: RunPlan): FirstPass[] {
  if (plan.kind === "devices" && plan.mode === "full") return [firstPass("device-owners", "owners", deviceOwnersListing)];
  if (plan.usersScope?.mode !== "groups") return [];
  return plan.usersScope.groups.map((group) => firstPass(`scope-members-${group.id}`, "members", scopeMembersListing(group.id)));
}

/**
 * The whole sync of one run, step by step: begin → first passes (a full devices sync's owners, a group
 * scope's members) → steps of up to PAGES_PER_STEP Graph pages → finish.
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
  // Each first pass lists to its end; its pages are numbered on from the pass before.
  const listFirstPassesFrom = async (firstIndex: number) => {
    let index = firstIndex;
    for (const pass of firstPasses(plan)) {
      let link: string | null = null;
      do {
        const [current, at, from]: [RunPlan, number, string | null] = [plan, index, link];
        const listPass = (): Promise<PagesStepResult> => pass.list(current, at, from, options);
        const listed: PagesStepResult = await runStep(`${pass.name}-pages-from-${at}`, recordingFailure(listPass));
        index = listed.nextIndex;
        link = "nextLink" in listed ? listed.nextLink : null;
        onProgress?.({ pagesDone: index, phase: pass.phase });
        if ("runEnded" in listed) return { index, ended: true };
        if (options.signal?.aborted) return { index, ended: false };
      } while (link);
    }
    return { index, ended: false };
  };
  // A full users listing is the plain one (999 a page); the delta link it ends with is taken before it starts.
  const deltaLinkFromNow = (current: RunPlan, at: number) =>
    current.kind === "users" && current.mode === "full"
      ? runStep(`users-delta-link-from-page-${at}`, recordingFailure(() => usersDeltaLinkFromNow(current, options)))
      : Promise.resolve(null);
  const listingPagesFrom = (current: RunPlan, index: number, from: string | null) => {
    if (current.kind === "devices") return syncPages(current, devicesListing, index, from, options);
    return syncPages(current, current.mode === "full" ? usersFullListing : usersListing, index, from, options);
  };
  const stopped = () => Boolean(options.signal?.aborted);
  try {
    let fullListingDeltaLink = await deltaLinkFromNow(plan, 0);
    const firstPassesDone = await listFirstPassesFrom(0);
    let pageIndex = firstPassesDone.index;
    let link = plan.startLink;
    let deltaLink: string | null = null;
    for (let ended = firstPassesDone.ended; !ended; ) {
      if (stopped()) return { status: "stopped" as const };
      const [current, index, from] = [plan, pageIndex, link];
      const listed = await runStep(`${current.kind}-pages-from-${index}`, recordingFailure(() => listingPagesFrom(current, index, from)));
      pageIndex = listed.nextIndex;
      if ("runEnded" in listed) break;
      if ("fullResyncNeeded" in listed) {
        plan = await runStep(`full-listing-from-page-${pageIndex}`, () => switchToFullListing(current));
        fullListingDeltaLink = await deltaLinkFromNow(plan, pageIndex);
        ({ index: pageIndex, ended } = await listFirstPassesFrom(pageIndex));
        link = null;
        continue;
      }
      onProgress?.({ pagesDone: pageIndex, phase: "listing" });
      if (!listed.nextLink) {
        deltaLink = listed.deltaLink ?? fullListingDeltaLink;
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
