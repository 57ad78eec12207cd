import "server-only";
import type { z } from "zod";
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

/** What sets one directory collection (users, devices) apart: its path, the fields Vertask stores, its shapes. */
type DirectoryCollection<Item extends z.ZodType, Change extends z.ZodType> = {
  resource: "users" | "devices";
  select: readonly string[];
  itemSchema: Item;
  changeSchema: Change;
};

export type ListingOptions = {
  /** An OData filter such as `userType eq 'Member'`. */
  filter?: string;
  /** 1..999; Graph's largest page is the default, the fewest requests for a full listing. */
  pageSize?: number;
  /** An OData `$expand`, e.g. `registeredOwners($select=id)`. */
  expand?: string;
};

const MAX_PAGE_SIZE = 999;

/**
 * The page fetchers of one directory collection, the same for users and devices. Made for job steps: a page
 * is asked for with `null` (the first) or the link the previous page gave, and nothing else carries over.
 */
export function directoryListing<Item extends z.ZodType, Change extends z.ZodType>(
  collection: DirectoryCollection<Item, Change>,
) {
  const { resource, itemSchema, changeSchema } = collection;
  const $select = collection.select.join(",");

  /** One page of all objects: `null` for the first, then each page's `nextLink` until it is null. */
  const fetchPage = (
    graph: GraphSession,
    nextLink: string | null,
    listing: ListingOptions = {},
  ): Promise<GraphPage<z.infer<Item>>> => {
    const url =
      nextLink ??
      graphUrl(graph, resource, {
        $select,
        $top: listing.pageSize ?? MAX_PAGE_SIZE,
        $filter: listing.filter,
        $expand: listing.expand,
      });
    return fetchCollectionPage({ graph, resource }, url, itemSchema);
  };

  /**
   * One page of `<resource>/delta`: `null` starts a round that lists every object and ends with a delta link;
   * a stored delta link gives what changed since. Follow `nextLink` until a page has `deltaLink`.
   */
  const fetchChangesPage = (graph: GraphSession, link: string | null): Promise<DeltaPage<z.infer<Change>>> => {
    const url = link ?? graphUrl(graph, `${resource}/delta`, { $select });
    return fetchDeltaPage({ graph, resource }, url, changeSchema);
  };

  /** A delta link from now: see deltaLinkFromNow. */
  const fetchDeltaLinkFromNow = (graph: GraphSession) => {
    const latest = graphUrl(graph, `${resource}/delta`, { $select, $deltatoken: "latest" });
    return deltaLinkFromNow(latest, (link) => fetchChangesPage(graph, link));
  };

  /** Every page of the listing. */
  const pages = (graph: GraphSession, listing: ListingOptions = {}) =>
    pagesFollowing(
      null,
      (link) => fetchPage(graph, link, listing),
      (page) => page.nextLink,
    );

  /** Every page of a delta round; stops after a page that needs a full resync. */
  const pagesOfChanges = (graph: GraphSession, deltaLink: string | null) =>
    pagesFollowing(deltaLink, (link) => fetchChangesPage(graph, link), nextDeltaLink);

  return { fetchPage, fetchChangesPage, fetchDeltaLinkFromNow, pages, pagesOfChanges };
}
