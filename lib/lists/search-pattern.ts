import { sql, type AnyColumn } from "drizzle-orm";

/** Matches a search_text column (lower-cased, accent-free) against what a person typed. */
export function matchesSearch(searchText: AnyColumn, typed: string) {
  const escaped = typed.normalize("NFC").replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${searchText} LIKE '%' || lower(immutable_unaccent(${escaped})) || '%'`;
}

export const pageSize = 50;

/**
 * Under a search, PostgreSQL may walk the list's sort index and test row after row; when the matches gather
 * late in that order it tests most of the table ("zoe" at 1,000,000 clients: 30,000 matches, mostly names
 * starting with Z, 2.1 s). When the trigram index can find the matches (3 characters or more), up to
 * COUNTED_MATCHES_LIMIT of them are collected first, counted and sorted (the 30,000: 48 ms); with more, they are
 * dense enough for the sort index to find a page quickly ("son", 66,000 matches: 23 ms). This says whether
 * the trigram index can find what was typed (it needs 3 characters), so that collecting first pays off.
 */
export function searchUsesTrigramIndex(typed: string | undefined) {
  return (typed?.trim().length ?? 0) >= 3;
}

export function pageCount(total: number) {
  return Math.max(1, Math.ceil(total / pageSize));
}
