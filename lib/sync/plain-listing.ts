import "server-only";
import { openGraphSession, type GraphOptions, type GraphPage, type GraphSession } from "@/lib/azure";
import { addGraphWait } from "./page-steps";
import { loadConnection, type RunPlan } from "./run-plan";

// A full sync's plain listing (999 a page, five times fewer round trips than a delta round) and the delta link
// "from now" it ends with, taken before it starts so that what changes meanwhile comes with the next delta.

/** A page of the plain listing as a delta page of upserts, so the same decide-and-write serves both. */
export function asUpserts<T>(page: GraphPage<T>) {
  return {
    fullResyncNeeded: false as const,
    changes: page.items.map((item) => ({ type: "upsert" as const, item })),
    nextLink: page.nextLink,
    deltaLink: null,
  };
}

/** The run's delta link from now (`fetchFromNow`), the seconds Graph made it wait added to the run's history. */
export async function deltaLinkFromNowFor<L>(
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
