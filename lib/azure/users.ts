import "server-only";
import {
  deltaLinkFromNow,
  fetchCollectionPage,
  fetchDeltaPage,
  graphUrl,
  nextDeltaLink,
  pagesFollowing,
  type DeltaPage,
  type GraphPage,
} from "./graph-pages";
import type { GraphSession } from "./graph-session";
import {
  USER_SELECT,
  graphUserChangeSchema,
  graphUserSchema,
  type GraphUser,
  type GraphUserChange,
} from "./graph-shapes";

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
export function fetchUsersPage(
  graph: GraphSession,
  nextLink: string | null,
  listing: UserListing = {},
): Promise<GraphPage<GraphUser>> {
  const url =
    nextLink ??
    graphUrl(graph, "users", {
      $select: USER_SELECT.join(","),
      $top: listing.pageSize ?? MAX_PAGE_SIZE,
      $filter: listing.filter,
    });
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

/** A users delta link from now (Graph documents "sync from now" for users): see deltaLinkFromNow. */
export function fetchUsersDeltaLinkFromNow(graph: GraphSession): Promise<string> {
  const latest = graphUrl(graph, "users/delta", { $select: USER_SELECT.join(","), $deltatoken: "latest" });
  return deltaLinkFromNow(latest, (link) => fetchUsersDeltaPage(graph, link));
}

/** Every page of users. */
export const pagesOfUsers = (graph: GraphSession, listing: UserListing = {}) =>
  pagesFollowing(
    null,
    (link) => fetchUsersPage(graph, link, listing),
    (page) => page.nextLink,
  );

/** Every page of a users delta round; stops after a page that needs a full resync. */
export const pagesOfUserChanges = (graph: GraphSession, deltaLink: string | null) =>
  pagesFollowing(deltaLink, (link) => fetchUsersDeltaPage(graph, link), nextDeltaLink);
