import "server-only";
import { EntraError, isIntuneNotGranted } from "@/lib/azure";
import { devicesDeltaLinkFromNow, devicesFullListing, devicesListing } from "@/lib/sync/devices-page";
import { finishSyncRun } from "./finish-run";
import { beginSyncRun, switchToFullListing } from "./begin-run";
import { failSyncRun } from "./fail-run";
import type { RunPlan } from "@/lib/sync/run-plan";
import { syncPages, type PageListing, type PageStepOptions, type PagesStepResult } from "@/lib/sync/page-steps";
import { scopeMembersListing } from "@/lib/sync/scope-members-page";
import { intuneListing } from "@/lib/sync/intune-page";
import { recordIntuneAccess } from "@/lib/sync/intune-access";
import { usersDeltaLinkFromNow, usersFullListing, usersListing } from "@/lib/sync/users-page";

/** Runs one named step: Inngest's step.run (memoized, retried) or, for the command line, a plain call. */
export type StepRunner = <T>(id: string, work: () => Promise<T>) => Promise<T>;

export type SyncProgress = { pagesDone: number; phase: "listing" | "members" | "intune" };

type FirstPass = {
  name: string;
  phase: SyncProgress["phase"];
  list: (plan: RunPlan, firstIndex: number, link: string | null, options: PageStepOptions) => Promise<PagesStepResult>;
};

function firstPass<P extends { nextLink: string | null; deltaLink: string | null }, W>(
  name: string,
  phase: SyncProgress["phase"],
  listing: PageListing<P, W>,
): FirstPass {
  return {
    name,
    phase,
    list: (plan, firstIndex, link, options) => syncPages(plan, listing, firstIndex, link, options),
  };
}

/** What a run lists before its objects: in a group-scoped users sync, the chosen groups' members. */
function firstPasses(plan: RunPlan): FirstPass[] {
  if (plan.usersScope?.mode !== "groups") return [];
  return plan.usersScope.groups.map((group) =>
    firstPass(`scope-members-${group.id}`, "members", scopeMembersListing(group.id)),
  );
}

/** What the parts of one run share: its id, how steps run, the stop signal and where progress goes. */
type RunContext = {
  runStep: StepRunner;
  options: PageStepOptions;
  onProgress?: (p: SyncProgress) => void;
  /** Wraps a step's work so a failure no retry can fix is recorded by that step. */
  recordingFailure: <T>(work: () => Promise<T>) => () => Promise<T>;
};

/**
 * A failure no retry can fix (a wrong secret, a missing permission) is recorded at once, in words, by the step
 * that met it; runSync's catch records any other, asking `recordedByItsStep` so each failure is recorded once.
 */
function failureRecorder(runId: string) {
  const recordedByItsStep = new WeakSet<object>();
  const recordingFailure =
    <T>(work: () => Promise<T>) =>
    async () => {
      try {
        return await work();
      } catch (error) {
        if (error instanceof EntraError && !error.retryable) {
          await failSyncRun(runId, error);
          recordedByItsStep.add(error);
        }
        throw error;
      }
    };
  return { recordedByItsStep, recordingFailure };
}

/** Each first pass lists to its end; its pages are numbered on from the pass before. */
async function listFirstPassesFrom(context: RunContext, plan: RunPlan, firstIndex: number) {
  const { runStep, options, onProgress, recordingFailure } = context;
  let index = firstIndex;
  for (const pass of firstPasses(plan)) {
    let link: string | null = null;
    do {
      const [at, from]: [number, string | null] = [index, link];
      const listPass = (): Promise<PagesStepResult> => pass.list(plan, at, from, options);
      const listed: PagesStepResult = await runStep(`${pass.name}-pages-from-${at}`, recordingFailure(listPass));
      index = listed.nextIndex;
      link = "nextLink" in listed ? listed.nextLink : null;
      onProgress?.({ pagesDone: index, phase: pass.phase });
      if ("runEnded" in listed) return { index, ended: true };
      if (options.signal?.aborted) return { index, ended: false };
    } while (link);
  }
  return { index, ended: false };
}

/**
 * A devices sync's last pass, after the Entra listing so that each managed device finds its Entra device: every
 * managed device Intune lists (it has no delta query), pages numbered on from the listing's. Without the
 * permission the run reads Entra only and says so once (recordIntuneAccess); a throttled page is retried as any.
 */
async function listIntuneFrom(context: RunContext, plan: RunPlan, firstIndex: number) {
  const { runStep, options, onProgress, recordingFailure } = context;
  if (plan.kind !== "devices" || plan.preview) return;
  let index = firstIndex;
  let link: string | null = null;
  do {
    const [at, from]: [number, string | null] = [index, link];
    const listPage = async (): Promise<PagesStepResult | { notGranted: true }> => {
      try {
        return await syncPages(plan, intuneListing, at, from, options);
      } catch (error) {
        if (!isIntuneNotGranted(error)) throw error;
        await recordIntuneAccess(plan, false);
        return { notGranted: true };
      }
    };
    const listed: PagesStepResult | { notGranted: true } = await runStep(
      `intune-pages-from-${at}`,
      recordingFailure(listPage),
    );
    if ("notGranted" in listed || "runEnded" in listed) return;
    index = listed.nextIndex;
    onProgress?.({ pagesDone: index, phase: "intune" });
    if (options.signal?.aborted) return;
    link = "nextLink" in listed ? listed.nextLink : null;
  } while (link);
  await runStep("intune-listed", () => recordIntuneAccess(plan, true));
}

/**
 * A full sync lists with the plain listing (999 a page) and ends with a delta link taken before it starts;
 * where Graph has no delta link from now (devices, on some tenants), it lists through a delta round.
 */
function deltaLinkFromNow(context: RunContext, current: RunPlan, at: number): Promise<string | null> {
  if (current.mode !== "full") return Promise.resolve(null);
  const fromNow = current.kind === "users" ? usersDeltaLinkFromNow : devicesDeltaLinkFromNow;
  return context.runStep(
    `${current.kind}-delta-link-from-page-${at}`,
    context.recordingFailure(() => fromNow(current, context.options)),
  );
}

function listingPagesFrom(
  current: RunPlan,
  index: number,
  from: string | null,
  fullListing: boolean,
  options: PageStepOptions,
) {
  if (current.kind === "devices")
    return syncPages(current, fullListing ? devicesFullListing : devicesListing, index, from, options);
  return syncPages(current, fullListing ? usersFullListing : usersListing, index, from, options);
}

/**
 * The whole sync of one run, step by step: begin → (a full sync) a delta link from now → (a group scope)
 * its members → steps of up to PAGES_PER_STEP Graph pages → finish.
 * Steps pass only ids, counters and links. The job engine and the command line both run this.
 * Once `options.signal` is aborted no further page starts and the run is left for the caller to end
 * ("stopped"); a run ended meanwhile by someone else (cancelled, taken over) finishes as it was ended.
 */
export async function runSync(
  runId: string,
  runStep: StepRunner,
  options: PageStepOptions = {},
  onProgress?: (p: SyncProgress) => void,
) {
  const begun = await runStep("begin-run", () => beginSyncRun(runId));
  if (!begun) return { status: "skipped" as const };
  let plan: RunPlan = begun;
  const { recordedByItsStep, recordingFailure } = failureRecorder(runId);
  const context: RunContext = { runStep, options, onProgress, recordingFailure };
  const stopped = () => Boolean(options.signal?.aborted);
  try {
    let fullListingDeltaLink = await deltaLinkFromNow(context, plan, 0);
    const firstPassesDone = await listFirstPassesFrom(context, plan, 0);
    let pageIndex = firstPassesDone.index;
    let link = plan.startLink;
    let deltaLink: string | null = null;
    for (let ended = firstPassesDone.ended; !ended;) {
      if (stopped()) return { status: "stopped" as const };
      const [current, index, from] = [plan, pageIndex, link];
      const fullListing = fullListingDeltaLink !== null;
      const listed = await runStep(
        `${current.kind}-pages-from-${index}`,
        recordingFailure(() => listingPagesFrom(current, index, from, fullListing, options)),
      );
      pageIndex = listed.nextIndex;
      if ("runEnded" in listed) break;
      if ("fullResyncNeeded" in listed) {
        plan = await runStep(`full-listing-from-page-${pageIndex}`, () => switchToFullListing(current));
        fullListingDeltaLink = await deltaLinkFromNow(context, plan, pageIndex);
        ({ index: pageIndex, ended } = await listFirstPassesFrom(context, plan, pageIndex));
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
    // A run ended meanwhile (cancelled, taken over) writes nothing more: finish-run sees it ended.
    if (deltaLink) await listIntuneFrom(context, plan, pageIndex);
    if (stopped()) return { status: "stopped" as const };
    const finalPlan = plan;
    return await runStep("finish-run", () => finishSyncRun(finalPlan, { deltaLink }));
  } catch (error) {
    if (!(error instanceof Object && recordedByItsStep.has(error)))
      await runStep("record-failure", () => failSyncRun(runId, error));
    throw error;
  }
}
