type SearchParams = Record<string, string | string[] | undefined>;

/** A page's searchParams as single values, with empty strings treated as absent. */
export function firstValues(searchParams: SearchParams) {
  return Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, (Array.isArray(value) ? value[0] : value) || undefined]),
  );
}

/** A list query's filters: everything but the page and the sort, unset ones left out. */
export function filtersOf<Q extends { page?: unknown; sort?: unknown; dir?: unknown }>(query: Q) {
  const { page, sort, dir, ...filters } = query;
  void [page, sort, dir];
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined && value !== ""));
}
