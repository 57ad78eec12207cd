import "server-only";
import { fetchCollectionPage, fetchDeltaPage, graphUrl, nextDeltaLink, pagesFollowing, type DeltaPage, type GraphPage } from "./graph-pages";
import type { GraphSession } from "./graph-session";
import { USER_SELECT, graphUserChangeSchema, graphUserSchema, type GraphUser, type GraphUserChange } from "./graph-shapes";

export type UserListing = {
  /** An OData filter such as `userType eq 'Member'`. */
  filter?: string;
  /** 1..999; Graph's largest page is the default, the fewest requests for a full listing. */
  pageSize?: number;
};

const MAX_PAGE_SIZE = 999;

/**
 * One page of all users with the fields Vertask stores. Pass `null` for the first page, then the page's
 * `nextLink` until it is null. Made for job steps: nothing but the link carries over.
 */
export function fetchUsersPage(graph: GraphSession, nextLink: string | null, listing: UserListing = {}): Promise<GraphPage<GraphUser>> {
  const url =
    nextLink ??
    graphUrl(graph, "users", { $select: USER_SELECT.join(","), $top: listing.pageSize ?? MAX_PAGE_SIZE, $filter: listing.filter });
  return fetchCollectionPage({ graph, resource: "users" }, url, graphUserSchema);
}

/**
 * One page of `users/delta`. Pass `null` to start a round that lists every user and ends with a delta link;
 * pass a stored delta link to get what changed since. Follow `nextLink` until a page has `deltaLink`.
 */
export function fetchUsersDeltaPage(graph: GraphSession, link: string | null): Promise<DeltaPage<GraphUserChange>> {
  const url = link ?? graphUrl(graph, "users/delta", { $select: USER_SELECT.join(",") });
  return fetchDeltaPage({ graph, resource: "users" }, url, graphUserChangeSchema);
}

/**
 * A delta link that starts now (Graph's "sync from now", `$deltatoken=latest`): taken before a plain listing
 * of every user, it makes the next delta bring whatever changed while the listing ran.
 */
export async function fetchUsersDeltaLinkFromNow(graph: GraphSession): Promise<string> {
  let link: string | null = graphUrl(graph, "users/delta", { $select: USER_SELECT.join(","), $deltatoken: "latest" });
  for (const started = Date.now(); link; ) {
    const page: DeltaPage<GraphUserChange> = await fetchUsersDeltaPage(graph, link);
    if (page.fullResyncNeeded) throw new Error(`Graph refused a delta link from now: ${page.reason}`);
    if (page.deltaLink) return page.deltaLink;
    // Graph may answer with pages (of no users) before the delta link; a listing that never ends is a fault.
    if (Date.now() - started > 60_000) break;
    link = page.nextLink;
  }
  throw new Error("Graph gave no delta link from now.");
}

/** Every page of users. */
export const pagesOfUsers = (graph: GraphSession, listing: UserListing = {}) =>
  pagesFollowing(null, (link) => fetchUsersPage(graph, link, listing), (page) => page.nextLink);

/** Every page of a users delta round; stops after a page that needs a full resync. */
export const pagesOfUserChanges = (graph: GraphSession, deltaLink: string | null) =>
  pagesFollowing(deltaLink, (link) => fetchUsersDeltaPage(graph, link), nextDeltaLink);
