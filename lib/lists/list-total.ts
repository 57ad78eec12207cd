import "server-only";
import { count, getTableName, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { db } from "@/db/client";

/**
 * How many rows a list holds, as far as it pays to know: exactly; "about" (a list without filters past
 * EXACT_TOTAL_UNDER rows, from PostgreSQL's own estimate); or "more than" (a filtered list with more matches
 * than COUNTED_MATCHES_LIMIT).
 */
export type ListTotal = { count: number; precision: "exact" | "about" | "more than" };

const exactTotal = (rows: number): ListTotal => ({ count: rows, precision: "exact" });

/**
 * Counting touches every row: at 1,000,000 clients, 100 ms for the whole table, 225 ms for the 66,000
 * matches of a search for "son". Matches are counted up to this many (about 65 ms at most), and a search
 * collects and sorts at most this many (lib/lists/search-pattern.ts).
 */
export const COUNTED_MATCHES_LIMIT = 40_000;

/** A list without filters is counted exactly below this many rows (20 ms); above, PostgreSQL's estimate is shown. */
const EXACT_TOTAL_UNDER = 200_000;

/** An estimate said as one: 994,953 → 990,000. */
function roundedToTwoDigits(estimate: number) {
  const unit = 10 ** (Math.floor(Math.log10(estimate)) - 1);
  return Math.round(estimate / unit) * unit;
}

/** Every row of a list without filters: exact while that is cheap, then PostgreSQL's estimate (kept by autovacuum's ANALYZE). */
export async function unfilteredTotal(table: PgTable): Promise<ListTotal> {
  const [{ estimate }] = await db.execute<{ estimate: number }>(
    sql`SELECT reltuples::bigint::int AS estimate FROM pg_class WHERE oid = to_regclass(${getTableName(table)})`,
  );
  if (estimate >= EXACT_TOTAL_UNDER) return { count: roundedToTwoDigits(estimate), precision: "about" };
  const [{ total }] = await db.select({ total: count() }).from(table);
  return exactTotal(total);
}

/**
 * The default view of a list that leaves some rows out (removed records): every row less those, counted exactly
 * from their partial index (clients_removed, devices_removed). Past EXACT_TOTAL_UNDER, PostgreSQL's estimate less
 * them, said as an estimate.
 */
export async function totalLeavingOut(table: PgTable, leftOut: SQL): Promise<ListTotal> {
  const [all, [{ excluded }]] = await Promise.all([
    unfilteredTotal(table),
    db.select({ excluded: count() }).from(table).where(leftOut),
  ]);
  const remaining = Math.max(0, all.count - excluded);
  return all.precision === "exact"
    ? exactTotal(remaining)
    : { count: roundedToTwoDigits(remaining), precision: "about" };
}

/** The matches of a filter, counted up to COUNTED_MATCHES_LIMIT. */
export async function cappedTotal(table: PgTable, where: SQL | undefined): Promise<ListTotal> {
  const upToLimit = db
    .select({ one: sql`1` })
    .from(table)
    .where(where)
    .limit(COUNTED_MATCHES_LIMIT + 1)
    .as("up_to_limit");
  const [{ total }] = await db.select({ total: count() }).from(upToLimit);
  return totalOfCollected(total);
}

/** The total of matches collected up to COUNTED_MATCHES_LIMIT + 1. */
export const totalOfCollected = (matches: number): ListTotal =>
  matches > COUNTED_MATCHES_LIMIT ? { count: COUNTED_MATCHES_LIMIT, precision: "more than" } : exactTotal(matches);

/** A SELECT column: how many rows the `matches` CTE collected (the same on every row). */
export const collectedCount = () => sql<number>`(SELECT count(*)::int FROM matches)`;

/** Rows read by id, in the order of the ids. */
export function inOrderOf<R extends { id: string }>(ids: string[], rows: R[]): R[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
