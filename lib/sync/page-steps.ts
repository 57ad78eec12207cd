import "server-only";
import { and, desc, eq, gte, lt, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRunPages, syncRuns } from "@/db/schema";
import { openGraphSession, type GraphOptions, type GraphSession } from "@/lib/azure";
import { loadConnection, type RunPlan } from "./run-plan";

/**
 * Graph pages one job step lists and writes. Within a step the next page is fetched while one is written,
 * so the wait for Microsoft hides the write; 20 pages keep a step short to retry and a run far below
 * Inngest's 1,000 steps (500,000 users at 200 a page take 125 steps).
 */
export const PAGES_PER_STEP = 20;

/**
 * A step starts no further page after this long (a slow Graph, or a devices delta asking each changed
 * device's owner), so each call from the job engine stays well inside a host's request time limit.
 */
const STEP_TIME_BUDGET_MS = 30_000;

/** `signal`: once aborted (Ctrl-C on the command line), no further page is started. */
export type PageStepOptions = GraphOptions & { stepTimeBudgetMs?: number; signal?: AbortSignal };

type FullResyncNeeded = { fullResyncNeeded: true; reason: string };
type ListedPage = { nextLink: string | null; deltaLink: string | null };

/**
 * How one kind of listing reads a page from Graph and writes it. `fetch` asks Graph for everything a page needs
 * (a devices page's owners too), so the next page's requests run while a page is written; `prepare` reads the
 * database and decides; `write` asks Graph nothing and writes the page in one statement.
 */
export type PageListing<P extends ListedPage, W> = {
  fetch: (graph: GraphSession, link: string | null) => Promise<P | FullResyncNeeded>;
  prepare: (plan: RunPlan, page: P) => Promise<W>;
  /** `written` is false when the run had ended (cancelled, taken over): then nothing was written. */
  write: (plan: RunPlan, pageIndex: number, page: P, prepared: W) => Promise<{ written: boolean }>;
  /**
   * Whether `page`, prepared while the page before it was written (`before`, what that write wrote), may be
   * written as prepared: not when that write could have changed what its preparing read. Without it, each page
   * is prepared only once the page before it is written.
   */
  preparedAlongside?: (before: W, page: P) => boolean;
};

/**
 * The next page, prepared as soon as it arrives, beside the write of the page before (the database read and the
 * decision overlap that write), when the listing can tell whether it still holds afterwards.
 */
function prepareOnArrival<P extends ListedPage, W>(
  plan: RunPlan,
  listing: PageListing<P, W>,
  fetching: Promise<P | FullResyncNeeded>,
) {
  if (!listing.preparedAlongside) return null;
  const preparing = fetching.then((page) =>
    "fullResyncNeeded" in page && page.fullResyncNeeded ? null : listing.prepare(plan, page as P),
  );
  preparing.catch(() => {}); // awaited when its page is written; a failure is then prepared again and thrown
  return preparing;
}

/** A page's prepared write: the one made beside the page before's write if it still holds, else made now. */
async function preparedWrite<P extends ListedPage, W>(
  plan: RunPlan,
  listing: PageListing<P, W>,
  page: P,
  alongside: { before: W; preparing: Promise<W | null> } | null,
) {
  if (alongside) {
    const prepared = await alongside.preparing.catch(() => null);
    if (prepared && listing.preparedAlongside!(alongside.before, page)) return prepared;
  }
  return listing.prepare(plan, page);
}

/** Where the listing goes on: the next page's index and link; on the last page, its delta link. */
export type PagesStepResult =
  | { nextIndex: number; nextLink: string | null; deltaLink: string | null }
  | (FullResyncNeeded & { nextIndex: number })
  | { runEnded: true; nextIndex: number };

/** Adds seconds Graph made the run wait (Retry-After) to its history. */
export async function addGraphWait(runId: string, seconds: number) {
  if (seconds > 0)
    await db
      .update(syncRuns)
      .set({ graphWaitSeconds: sql`${syncRuns.graphWaitSeconds} + ${Math.round(seconds)}` })
      .where(eq(syncRuns.id, runId));
}

/** The last page an earlier attempt of this step wrote, if any. */
async function lastWrittenPage(runId: string, fromIndex: number) {
  const [page] = await db
    .select({ pageIndex: syncRunPages.pageIndex, nextLink: syncRunPages.nextLink, deltaLink: syncRunPages.deltaLink })
    .from(syncRunPages)
    .where(
      and(
        eq(syncRunPages.runId, runId),
        gte(syncRunPages.pageIndex, fromIndex),
        lt(syncRunPages.pageIndex, fromIndex + PAGES_PER_STEP),
      ),
    )
    .orderBy(desc(syncRunPages.pageIndex))
    .limit(1);
  return page;
}

/**
 * One step: up to PAGES_PER_STEP pages from `link`, each written atomically and recorded. A retried step
 * resumes after the last page it recorded (from that page's stored link), so nothing is written twice.
 */
export async function syncPages<P extends ListedPage, W>(
  plan: RunPlan,
  listing: PageListing<P, W>,
  firstIndex: number,
  link: string | null,
  options: PageStepOptions = {},
): Promise<PagesStepResult> {
  const written = await lastWrittenPage(plan.runId, firstIndex);
  if (written && !written.nextLink)
    return { nextIndex: written.pageIndex + 1, nextLink: null, deltaLink: written.deltaLink };
  const resumeLink = written ? written.nextLink : link;
  let index = written ? written.pageIndex + 1 : firstIndex;
  const end = firstIndex + PAGES_PER_STEP;
  if (index >= end) return { nextIndex: index, nextLink: resumeLink, deltaLink: null };

  const { settings } = await loadConnection(plan.connectionId);
  const graph = openGraphSession(settings, options);
  let waitRecorded = 0;
  const fetchPage = (from: string | null) => {
    const fetching = listing.fetch(graph, from);
    fetching.catch(() => {}); // awaited below; a page whose write fails first must not be an unhandled rejection
    return fetching;
  };
  const stopStartingPagesAt = Date.now() + (options.stepTimeBudgetMs ?? STEP_TIME_BUDGET_MS);
  let fetching = fetchPage(resumeLink);
  let alongside: { before: W; preparing: Promise<W | null> } | null = null;
  try {
    for (;;) {
      const page = await fetching;
      if ("fullResyncNeeded" in page && page.fullResyncNeeded) return { ...page, nextIndex: index + 1 };
      const listed = page as P;
      const goOn =
        listed.nextLink !== null && index + 1 < end && Date.now() < stopStartingPagesAt && !options.signal?.aborted;
      if (goOn) fetching = fetchPage(listed.nextLink);
      const prepared: W = await preparedWrite(plan, listing, listed, alongside);
      const preparing = goOn ? prepareOnArrival(plan, listing, fetching) : null;
      alongside = preparing ? { before: prepared, preparing } : null;
      const { written } = await listing.write(plan, index, listed, prepared);
      if (!written) return { runEnded: true, nextIndex: index };
      await addGraphWait(plan.runId, graph.waitedSeconds - waitRecorded);
      waitRecorded = graph.waitedSeconds;
      index++;
      // A stop asked for while this page was written: the page fetched meanwhile is left for the next sync.
      if (!goOn || options.signal?.aborted)
        return { nextIndex: index, nextLink: listed.nextLink, deltaLink: listed.deltaLink };
    }
  } finally {
    // Nothing of a step goes on once it has returned: a page being decided beside the last write is waited for.
    await alongside?.preparing.catch(() => null);
  }
}
