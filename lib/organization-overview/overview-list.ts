import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { filterOverview, parseOverviewFilter } from "./filtering";
import { organizationsOverview } from "./overview";
import { parseOverviewSort, sortOverview } from "./sorting";

type OverviewQuery = { sort?: unknown; dir?: unknown; status?: unknown };

/** Settings → Organizations as its address asks: filtered by status, then sorted, with how many there are in all. */
export async function organizationsOverviewList(actor: Actor, query: OverviewQuery, now = new Date()) {
  const sorted = parseOverviewSort(query.sort, query.dir);
  const filter = parseOverviewFilter(query.status);
  const all = await organizationsOverview(actor, now);
  const rows = sortOverview(filterOverview(all, filter), sorted.sort, sorted.direction);
  return { rows, total: all.length, filter, sorted };
}
