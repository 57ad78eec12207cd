import { directionOf, type SortDirection } from "@/lib/lists/sorting";
import { filtersOf } from "@/lib/lists/search-params";
import { listHref } from "./list-controls";

/**
 * One column of a list: its heading, what each row shows, and how it behaves.
 * - `sort`: the `?sort=` value its heading sets (a plain link), absent for a column the list cannot sort by.
 * - `text`: the full value, shown on hover (`title`) where a long value ends in an ellipsis.
 * - `width`: the column's width in the table (an lg:w-* class) for values of a known size (a status, a date); the
 *   columns without one share what is left, their long values ending in an ellipsis.
 * - `secondary`: shown only on a wide screen (2xl); the record's page always shows it.
 * - `card`: where the column shows on a phone, where each row is a card: the card's `title`, its `status`, or one of
 *   its two `field`s (labelled). Columns without it are left off the card.
 * - `wrap`: a cell of sentences (a run's changes) that wraps between words rather than ending in an ellipsis.
 */
export type ListColumn<R> = {
  key: string;
  label: string;
  /** The heading's full name, where `label` is short. */
  description?: string;
  sort?: string;
  cell: (row: R) => React.ReactNode;
  text?: (row: R) => string | null | undefined;
  width?: string;
  secondary?: boolean;
  align?: "right";
  card?: "title" | "status" | "field";
  wrap?: boolean;
};

/** A column of plain text: the value, or a dash where there is none, the whole of it on hover. */
export function textColumn<R>(
  key: string,
  label: string,
  value: (row: R) => string | null | undefined,
  options: Partial<ListColumn<R>> = {},
): ListColumn<R> {
  return { key, label, text: value, cell: (row) => value(row) ?? "—", ...options };
}

export type ListSorting = {
  sort: string;
  dir: SortDirection;
  /** The list's address sorted by a column in a direction, its filters kept. */
  hrefFor: (sort: string, dir: SortDirection) => string;
  /** The direction a column's first click sorts in (names A→Z, times newest first). */
  firstDirection: (sort: string) => SortDirection;
};

/** A list's sorting from its query: each heading's link keeps the filters and goes back to the first page. */
export function listSorting<S extends string>(
  path: string,
  query: { sort: S; dir?: SortDirection; page?: number },
  defaults: Record<S, SortDirection>,
): ListSorting {
  return {
    sort: query.sort,
    dir: directionOf(query.sort, query.dir, defaults),
    hrefFor: (sort, dir) => listHref(path, { ...filtersOf(query), sort, dir }),
    firstDirection: (sort) => defaults[sort as S] ?? "asc",
  };
}

/** How a column's heading stands: its aria-sort, the address its link goes to, the arrow it wears. */
export function headingSort(column: { sort?: string }, sorting: ListSorting | undefined) {
  if (!sorting || !column.sort) return { ariaSort: undefined, next: undefined, arrow: "" };
  const active = sorting.sort === column.sort;
  const ariaSort = active ? (sorting.dir === "asc" ? "ascending" : "descending") : undefined;
  const nextDir = active ? (sorting.dir === "asc" ? "desc" : "asc") : sorting.firstDirection(column.sort);
  const arrow = ariaSort === "ascending" ? "\u00a0▲" : ariaSort === "descending" ? "\u00a0▼" : "";
  return { ariaSort, next: sorting.hrefFor(column.sort, nextDir), arrow } as const;
}
