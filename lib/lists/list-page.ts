import "server-only";
import type { AnyColumn, SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { pageSize } from "./search-pattern";
import {
  cappedTotal,
  collectedCount,
  COUNTED_MATCHES_LIMIT,
  inOrderOf,
  totalLeavingOut,
  totalOfCollected,
  unfilteredTotal,
  type ListTotal,
} from "./list-total";

type ListPage<R extends { id: string }> = {
  table: PgTable;
  where: SQL | undefined;
  /** The rows the list leaves out when no filter is chosen (removed records), null once a filter is chosen. */
  leftOutByDefault: SQL | null;
  /** Whether the search can use the trigram index (searchUsesTrigramIndex). */
  trigramSearch: boolean;
  offset: number;
  /** The columns the list sorts by, the id among them. */
  sortKeys: { id: PgColumn } & Record<string, PgColumn>;
  /** The ORDER BY over those columns (of the table, or of the collected matches). */
  order: (columns: Record<string, AnyColumn>) => SQL[];
  /** The page in sort order, straight from the table. */
  page: () => Promise<R[]>;
  /** The list's rows with these ids (any order). */
  rowsWithIds: (ids: string[]) => Promise<R[]>;
};

function totalOf(list: Pick<ListPage<{ id: string }>, "table" | "where" | "leftOutByDefault">) {
  if (list.leftOutByDefault) return totalLeavingOut(list.table, list.leftOutByDefault);
  return list.where ? cappedTotal(list.table, list.where) : unfilteredTotal(list.table);
}

/**
 * One page of a list and its total (lib/lists/list-total.ts). A search the trigram index can find collects its
 * matches first, only their sort keys, counts and sorts them in one statement (the CTE, named twice, is computed
 * once), then reads the page's rows by id; past COUNTED_MATCHES_LIMIT matches the page is walked in sort order.
 */
export async function listPage<R extends { id: string }>(list: ListPage<R>): Promise<{ rows: R[]; total: ListTotal }> {
  if (!list.where || !list.trigramSearch) {
    const [rows, total] = await Promise.all([list.page(), totalOf(list)]);
    return { rows, total };
  }
  const matches = db.$with("matches").as(
    db
      .select(list.sortKeys)
      .from(list.table)
      .where(list.where)
      .limit(COUNTED_MATCHES_LIMIT + 1),
  );
  const fields = matches._.selectedFields as Record<string, PgColumn>;
  const collected = await db
    .with(matches)
    .select({ id: fields.id, matchCount: collectedCount() })
    .from(matches)
    .orderBy(...list.order(fields))
    .limit(pageSize)
    .offset(list.offset);
  const total = collected.length
    ? totalOfCollected(collected[0].matchCount)
    : await cappedTotal(list.table, list.where);
  if (total.precision !== "exact") return { rows: await list.page(), total };
  const ids = collected.map((match) => match.id as string);
  return { rows: inOrderOf(ids, await list.rowsWithIds(ids)), total };
}
