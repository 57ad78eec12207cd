type SearchParams = Record<string, string | string[] | undefined>;

/** A page's searchParams as single values, with empty strings treated as absent. */
export function firstValues(searchParams: SearchParams) {
  return Object.fromEntries(
    Object.entries(searchParams).map(([key, value]) => [key, (Array.isArray(value) ? value[0] : value) || undefined]),
  );
}
