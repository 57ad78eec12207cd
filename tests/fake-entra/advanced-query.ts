// Graph's advanced query options on directory objects: $search and $count. Both need the request header
// `ConsistencyLevel: eventual`; without it $search is refused and $count=true is left out.
import { joinClauses, ODataError, type Predicate } from "./odata-query";

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** `"displayName:eng"`: every word of the text starts some word of the property, in any case (Graph's tokenized search). */
function searchClause(text: string, searchable: readonly string[]): Predicate {
  const match = /^"(\w+):([^"]*)"$/.exec(text);
  if (!match)
    throw new ODataError(
      "Request_UnsupportedQuery",
      `Syntax error in $search '${text}': each clause is "property:text", in double quotes.`,
    );
  const [, property, searched] = match;
  if (!searchable.includes(property))
    throw new ODataError("Request_UnsupportedQuery", `Search on property '${property}' is not supported.`);
  const terms = words(searched);
  return (value) => {
    const candidates = words(typeof value[property] === "string" ? (value[property] as string) : "");
    return terms.every((term) => candidates.some((word) => word.startsWith(term)));
  };
}

/** `$search="displayName:eng"`, clauses joined by AND or OR. */
export function parseSearch(value: string | null, eventual: boolean, searchable: readonly string[]): Predicate {
  if (value === null) return () => true;
  if (!eventual) {
    throw new ODataError(
      "Request_UnsupportedQuery",
      "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
    );
  }
  return joinClauses(value.trim().split(/\s+(AND|OR)\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/), (text) =>
    searchClause(text, searchable),
  );
}

/** Whether an answer carries `@odata.count`: asked with $count=true, and with eventual consistency. */
export const wantsCount = (query: URLSearchParams, eventual: boolean) =>
  eventual && query.get("$count")?.toLowerCase() === "true";

export const isEventual = (consistencyLevel: string | undefined) =>
  consistencyLevel?.trim().toLowerCase() === "eventual";
