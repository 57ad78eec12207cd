import "server-only";
import { openGraphSession, type DeltaPage, type GraphOptions, type GraphPage, type GraphSession } from "@/lib/azure";
import { addGraphWait, type PageListing } from "./page-steps";
import { loadConnection, type RunPlan } from "./run-plan";

// A full sync's plain listing (999 a page, five times fewer round trips than a delta round) and the delta link
// "from now" it ends with, taken before it starts so that what changes meanwhile comes with the next delta.

/** A page of the plain listing as a delta page of upserts, so the same decide-and-write serves both. */
function asUpserts<T>(page: GraphPage<T>) {
  return {
    fullResyncNeeded: false as const,
    changes: page.items.map((item) => ({ type: "upsert" as const, item })),
    nextLink: page.nextLink,
    deltaLink: null,
  };
}

/** The run's delta link from now (`fetchFromNow`), the seconds Graph made it wait added to the run's history. */
async function deltaLinkFromNowFor<L>(
  plan: RunPlan,
  options: GraphOptions,
  fetchFromNow: (graph: GraphSession) => Promise<L>,
) {
  const { settings } = await loadConnection(plan.connectionId);
  const graph = openGraphSession(settings, options);
  try {
    return await fetchFromNow(graph);
  } finally {
    await addGraphWait(plan.runId, graph.waitedSeconds);
  }
}

/** A delta page that is not "list everything again": what a listing decides and writes. */
type ListedPage<T> = Extract<DeltaPage<T>, { fullResyncNeeded: false }>;

/** How Graph lists one kind (users, devices): lib/azure's fetchers for it. */
type KindFetchers<T, L> = {
  fetchDeltaPage: (graph: GraphSession, link: string | null) => Promise<DeltaPage<T>>;
  fetchPage: (graph: GraphSession, link: string | null) => Promise<GraphPage<T>>;
  fetchDeltaLinkFromNow: (graph: GraphSession) => Promise<L>;
};

/**
 * One kind's two listings with the same decide-and-write: `delta` (what changed since a delta link, or from
 * none every object) and `full` (the plain listing); and the delta link from now a full run takes first.
 * `complete` asks Graph for what else a page needs (a devices page's owners) as part of fetching it.
 */
export function kindListings<T, L, W, P extends ListedPage<T> = ListedPage<T>>(
  fetchers: KindFetchers<T, L>,
  decideAndWrite: Pick<PageListing<P, W>, "prepare" | "write" | "preparedAlongside">,
  complete: (graph: GraphSession, page: ListedPage<T>) => Promise<P> = async (_graph, page) => page as P,
) {
  const delta: PageListing<P, W> = {
    fetch: async (graph, link) => {
      const page = await fetchers.fetchDeltaPage(graph, link);
      return page.fullResyncNeeded ? page : complete(graph, page);
    },
    ...decideAndWrite,
  };
  const full: PageListing<P, W> = {
    fetch: async (graph, link) => complete(graph, asUpserts(await fetchers.fetchPage(graph, link))),
    ...decideAndWrite,
  };
  const deltaLinkFromNow = (plan: RunPlan, options: GraphOptions = {}) =>
    deltaLinkFromNowFor(plan, options, fetchers.fetchDeltaLinkFromNow);
  return { delta, full, deltaLinkFromNow };
}
