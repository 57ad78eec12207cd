import "server-only";
import { EntraError, type GraphOptions } from "@/lib/azure";
import { syncDeviceOwnersPage, syncDevicesPage } from "./devices-page";
import { finishSyncRun } from "./finish-run";
import { beginSyncRun, failSyncRun, switchToFullListing, type RunPlan } from "./run-context";
import { syncUsersPage } from "./users-page";

/** Runs one named step: Inngest's step.run (memoized, retried) or, for the command line, a plain call. */
export type StepRunner = <T>(id: string, work: () => Promise<T>) => Promise<T>;

export type SyncProgress = { pagesDone: number; phase: "listing" | "owners" };

/**
 * The whole sync of one run, step by step: begin → one step per Graph page → (devices: owners) → finish.
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
  try {
    let pageIndex = 0;
    let link = plan.startLink;
    let deltaLink: string | null = null;
    for (;;) {
      const [current, index, from] = [plan, pageIndex++, link];
      const pageStep = current.kind === "users" ? syncUsersPage : syncDevicesPage;
      const page = await runStep(`${current.kind}-page-${index}`, recordingFailure(() => pageStep(current, index, from, options)));
      if ("fullResyncNeeded" in page) {
        plan = await runStep(`full-listing-from-page-${pageIndex}`, () => switchToFullListing(current));
        link = null;
        continue;
      }
      onProgress?.({ pagesDone: pageIndex, phase: "listing" });
      if (!page.nextLink) {
        deltaLink = page.deltaLink;
        break;
      }
      link = page.nextLink;
    }
    if (plan.kind === "devices" && plan.mode === "full" && deltaLink) {
      let ownersLink: string | null = null;
      do {
        const [current, index, from]: [RunPlan, number, string | null] = [plan, pageIndex++, ownersLink];
        const owners: { nextLink: string | null } = await runStep(`device-owners-page-${index}`, recordingFailure(() => syncDeviceOwnersPage(current, index, from, options)));
        ownersLink = owners.nextLink;
        onProgress?.({ pagesDone: pageIndex, phase: "owners" });
      } while (ownersLink);
    }
    const finalPlan = plan;
    return await runStep("finish-run", () => finishSyncRun(finalPlan, { deltaLink }));
  } catch (error) {
    await runStep("record-failure", () => failSyncRun(runId, error));
    throw error;
  }
}
