import { sql, type AnyColumn } from "drizzle-orm";

/** Matches a search_text column (lower-cased, accent-free) against what a person typed. */
export function matchesSearch(searchText: AnyColumn, typed: string) {
  const escaped = typed.normalize("NFC").replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql`${searchText} LIKE '%' || lower(immutable_unaccent(${escaped})) || '%'`;
}

export const pageSize = 50;

export function pageCount(total: number) {
  return Math.max(1, Math.ceil(total / pageSize));
}
