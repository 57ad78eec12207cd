import Link from "next/link";
import { directionOf, type SortDirection } from "@/lib/lists/sorting";
import { filtersOf } from "@/lib/lists/search-params";
import { listHref } from "./list-controls";

/**
 * One column of a list: its heading, what each row shows, and how it behaves.
 * - `sort`: the `?sort=` value its heading sets (a plain link), absent for a column the list cannot sort by.
 * - `text`: the full value, shown on hover (`title`) where a long value ends in an ellipsis.
 * - `width`: the widest the column grows at 1280 px before its values end in an ellipsis (a max-w-* class).
 * - `card`: where the column shows on a phone, where each row is a card: the card's `title`, its `status`, or one of
 *   its two `field`s (labelled). Columns without it are left off the card; the record's page shows them.
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
  align?: "right";
  card?: "title" | "status" | "field";
  wrap?: boolean;
};

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

type Props<R> = {
  /** What the table lists, for its accessible name ("Clients"). */
  label: string;
  columns: ListColumn<R>[];
  rows: R[];
  sorting?: ListSorting;
  /** A checkbox per row, sent with the bulk actions' form (its id) as `id`. */
  selection?: { form: string; nameOf: (row: R) => string };
  rowTestId?: string;
};

const cardPlaces = {
  title: "col-start-1 row-start-1 font-medium",
  status: "col-start-2 row-start-1 justify-self-end",
  field: "col-span-2 text-slate-600",
};

/** Where a cell shows: every cell at md and wider; on a phone only the card's title, status and two fields. */
function cellClasses(column: ListColumn<unknown>) {
  const phone = column.card ? `block min-w-0 ${cardPlaces[column.card]}` : "hidden";
  const nowrap = column.wrap ? "" : "whitespace-nowrap";
  return `${phone} md:table-cell md:font-normal px-cell-x md:py-row-y ${nowrap} ${column.align === "right" ? "md:text-right" : ""}`;
}

function headingSort(column: ListColumn<unknown>, sorting: ListSorting | undefined) {
  if (!sorting || !column.sort) return { ariaSort: undefined, next: undefined };
  const active = sorting.sort === column.sort;
  const ariaSort = active ? (sorting.dir === "asc" ? "ascending" : "descending") : undefined;
  const nextDir = active ? (sorting.dir === "asc" ? "desc" : "asc") : sorting.firstDirection(column.sort);
  return { ariaSort, next: sorting.hrefFor(column.sort, nextDir) } as const;
}

/** A column heading: a plain link that sorts by it (works without JavaScript), the current order marked. */
function Heading<R>({ column, sorting }: { column: ListColumn<R>; sorting?: ListSorting }) {
  const { ariaSort, next } = headingSort(column as ListColumn<unknown>, sorting);
  const arrow = ariaSort === "ascending" ? "\u00a0▲" : ariaSort === "descending" ? "\u00a0▼" : "";
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      title={column.description}
      className={`whitespace-nowrap px-cell-x py-2 ${column.align === "right" ? "text-right" : ""}`}
    >
      {next ? (
        <Link href={next} className={`no-underline ${ariaSort ? "text-accent-700" : "text-slate-600"}`}>
          {column.label}
          {arrow}
        </Link>
      ) : (
        column.label
      )}
    </th>
  );
}

/** A cell's value: one line at 1280 px, a long value ending in an ellipsis with the whole of it on hover. */
function Cell<R>({ column, row }: { column: ListColumn<R>; row: R }) {
  const content = column.cell(row);
  const label = column.card === "field" ? <span className="text-slate-500 md:hidden">{column.label}: </span> : null;
  if (column.wrap)
    return (
      <td className={cellClasses(column as ListColumn<unknown>)}>
        {label}
        {content}
      </td>
    );
  return (
    <td className={cellClasses(column as ListColumn<unknown>)}>
      <span className={`block max-w-full truncate ${column.width ?? ""}`} title={column.text?.(row) ?? undefined}>
        {label}
        {content}
      </span>
    </td>
  );
}

/**
 * A list as dense as the Entra admin center's at 1280 px (one line per row), and as cards on a phone: below md each
 * row is a card with its name, status and two fields, nothing wider than the screen. The headings sort.
 */
export function ListTable<R extends { id: string }>({ label, columns, rows, sorting, selection, rowTestId }: Props<R>) {
  return (
    <div className="rounded-xl md:border md:border-slate-200 md:bg-white">
      {sorting && <PhoneSortLinks columns={columns} sorting={sorting} />}
      <table aria-label={label} className="block w-full text-sm md:table md:divide-y md:divide-slate-200">
        <thead className="hidden bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 md:table-header-group">
          <tr>
            {selection && (
              <th scope="col" className="w-10 px-cell-x py-2">
                <span className="sr-only">Select</span>
              </th>
            )}
            {columns.map((column) => (
              <Heading key={column.key} column={column} sorting={sorting} />
            ))}
          </tr>
        </thead>
        <tbody className="block space-y-3 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-100">
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid={rowTestId}
              className={`relative grid grid-cols-[minmax(0,1fr)_auto] gap-y-1 rounded-xl border border-slate-200 bg-white py-3 pr-1 md:table-row md:border-0 md:p-0 md:hover:bg-slate-50 ${selection ? "pl-10" : "pl-1"}`}
            >
              {selection && (
                <td className="absolute left-0 top-0 md:static md:table-cell md:w-10 md:px-cell-x">
                  <SelectRow form={selection.form} value={row.id} name={selection.nameOf(row)} />
                </td>
              )}
              {columns.map((column) => (
                <Cell key={column.key} column={column} row={row} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
/** A row's tick for the bulk actions: a 44 px target on a phone, a plain checkbox in the dense table. */
function SelectRow({ form, value, name }: { form: string; value: string; name: string }) {
  return (
    <label className="flex size-tap items-center justify-center md:size-auto md:justify-start">
      <input type="checkbox" name="id" value={value} form={form} aria-label={`Select ${name}`} className="size-4" />
    </label>
  );
}

/** The sort on a phone, where the cards have no headings: the same links, in a row above them. */
function PhoneSortLinks<R>({ columns, sorting }: { columns: ListColumn<R>[]; sorting: ListSorting }) {
  const sortable = columns.filter((column) => column.sort);
  return (
    <nav aria-label="Sort" className="mb-3 flex flex-wrap items-center gap-2 text-sm md:hidden">
      <span className="text-slate-600">Sort by</span>
      {sortable.map((column) => {
        const { ariaSort, next } = headingSort(column as ListColumn<unknown>, sorting);
        return (
          <Link
            key={column.key}
            href={next!}
            aria-current={ariaSort ? "true" : undefined}
            className={`flex min-h-tap items-center rounded-full px-3 no-underline ring-1 ring-inset ${ariaSort ? "bg-accent-50 text-accent-700 ring-indigo-300" : "bg-white text-slate-700 ring-slate-300"}`}
          >
            {column.label}
            {ariaSort === "ascending" ? " ▲" : ariaSort === "descending" ? " ▼" : ""}
          </Link>
        );
      })}
    </nav>
  );
}
