import "server-only";
import type { EntraConnectionSettings } from "./connection";
import { fetchCollectionPage, fetchDeltaPage, graphUrl, type DeltaPage, type GraphPage } from "./graph-pages";
import type { GraphOptions } from "./graph-request";
import { USER_SELECT, graphUserChangeSchema, graphUserSchema, type GraphUser, type GraphUserChange } from "./graph-shapes";

export type UserListingOptions = GraphOptions & {
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
  settings: EntraConnectionSettings,
  nextLink: string | null,
  options: UserListingOptions = {},
): Promise<GraphPage<GraphUser>> {
  const url =
    nextLink ??
    graphUrl(options, "users", { $select: USER_SELECT.join(","), $top: options.pageSize ?? MAX_PAGE_SIZE, $filter: options.filter });
  return fetchCollectionPage({ settings, resource: "users", options }, url, graphUserSchema);
}

/**
 * One page of `users/delta`. Pass `null` to start a round that lists every user and ends with a delta link;
 * pass a stored delta link to get what changed since. Follow `nextLink` until a page has `deltaLink`.
 */
export function fetchUsersDeltaPage(
  settings: EntraConnectionSettings,
  link: string | null,
  options: GraphOptions = {},
): Promise<DeltaPage<GraphUserChange>> {
  const url = link ?? graphUrl(options, "users/delta", { $select: USER_SELECT.join(",") });
  return fetchDeltaPage({ settings, resource: "users", options }, url, graphUserChangeSchema);
}

/** Every page of users, one at a time (for command-line use; memory stays that of one page). */
export async function* pagesOfUsers(settings: EntraConnectionSettings, options: UserListingOptions = {}) {
  let nextLink: string | null = null;
  do {
    const page: GraphPage<GraphUser> = await fetchUsersPage(settings, nextLink, options);
    yield page;
    nextLink = page.nextLink;
  } while (nextLink);
}

/** Every page of a users delta round, one at a time; stops after a page that needs a full resync. */
export async function* pagesOfUserChanges(settings: EntraConnectionSettings, deltaLink: string | null, options: GraphOptions = {}) {
  let link: string | null = deltaLink;
  do {
    const page: DeltaPage<GraphUserChange> = await fetchUsersDeltaPage(settings, link, options);
    yield page;
    link = page.fullResyncNeeded ? null : page.nextLink;
  } while (link);
}
