import "server-only";
import { directoryListing } from "./directory-listing";
import { USER_SELECT, graphUserChangeSchema, graphUserSchema } from "./graph-shapes";

const users = directoryListing({
  resource: "users",
  select: USER_SELECT,
  itemSchema: graphUserSchema,
  changeSchema: graphUserChangeSchema,
});

/** One page of all users with the fields Vertask stores; `null` for the first, then each page's `nextLink`. */
export const fetchUsersPage = users.fetchPage;

/** One page of `users/delta` (`null` starts a round). */
export const fetchUsersDeltaPage = users.fetchChangesPage;

/** A users delta link from now (Graph documents "sync from now" for users): see deltaLinkFromNow. */
export const fetchUsersDeltaLinkFromNow = users.fetchDeltaLinkFromNow;

export const pagesOfUsers = users.pages;
export const pagesOfUserChanges = users.pagesOfChanges;
