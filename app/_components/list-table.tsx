import Link from "next/link";
import { headingSort, type ListColumn, type ListSorting } from "./list-columns";

type Props<R> = {
  /** What the table lists, for its accessible name ("Clients"). */
  label: string;
  columns: ListColumn<R>[];
  rows: R[];
  sorting?: ListSorting;
  /** A checkbox per row, sent with the bulk actions' form (its id) as `id`. */
  selection?: { form: string; nameOf: (row: R) => string };
  rowTestId?: string;
  /**
   * The table fits its box (fixed layout: the columns share the width, long values end in an ellipsis). Off, the
   * columns take the width of their values (the organizations overview, whose cells are short and laid out by hand).
   */
  fit?: boolean;
};

const cardPlaces = {
  title: "col-start-1 row-start-1 font-medium",
  status: "col-start-2 row-start-1 justify-self-end",
  field: "col-span-2 flex gap-1",
};

/** Where a cell shows: every cell (secondary ones on a wide screen) from lg; on a phone the card's four. */
function cellClasses(column: ListColumn<never>) {
  const phone = column.card ? `min-w-0 ${cardPlaces[column.card]}` : "hidden";
  const tone = column.card === "title" ? "" : "text-slate-600";
  const desktop = column.secondary ? "2xl:table-cell" : "lg:table-cell";
  const nowrap = column.wrap ? "" : "whitespace-nowrap lg:overflow-hidden";
  return `${phone} ${tone} ${desktop} lg:px-cell-x lg:py-row-y lg:font-normal ${nowrap} ${column.align === "right" ? "lg:text-right" : ""}`;
}

function Heading<R>({ column, sorting }: { column: ListColumn<R>; sorting?: ListSorting }) {
  const { ariaSort, next, arrow } = headingSort(column, sorting);
  const shown = column.secondary ? "hidden 2xl:table-cell" : "";
  return (
    <th
      scope="col"
      aria-sort={ariaSort}
      title={column.description}
      className={`truncate px-cell-x py-2 ${shown} ${column.width ?? ""} ${column.align === "right" ? "text-right" : ""}`}
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
  const label = column.card === "field" && <span className="shrink-0 text-slate-500 lg:hidden">{column.label}:</span>;
  return (
    <td className={cellClasses(column as ListColumn<never>)}>
      {label}
      {column.wrap ? (
        <span className="block min-w-0">{column.cell(row)}</span>
      ) : (
        <span className="block min-w-0 truncate" title={column.text?.(row) ?? undefined}>
          {column.cell(row)}
        </span>
      )}
    </td>
  );
}

/** A row's tick for the bulk actions: a 44 px target on a phone, a plain checkbox in the dense table. */
function SelectRow({ form, value, name }: { form: string; value: string; name: string }) {
  return (
    <label className="flex size-tap items-center justify-center lg:size-auto lg:justify-start">
      <input type="checkbox" name="id" value={value} form={form} aria-label={`Select ${name}`} className="size-4" />
    </label>
  );
}

/** The sort on a phone, where the cards have no headings: the same links, in a row above them. */
function PhoneSortLinks<R>({ columns, sorting }: { columns: ListColumn<R>[]; sorting: ListSorting }) {
  return (
    <nav aria-label="Sort" className="mb-3 flex flex-wrap items-center gap-2 text-sm lg:hidden">
      <span className="text-slate-600">Sort by</span>
      {columns
        .filter((column) => column.sort)
        .map((column) => {
          const { ariaSort, next, arrow } = headingSort(column, sorting);
          return (
            <Link
              key={column.key}
              href={next!}
              aria-current={ariaSort ? "true" : undefined}
              className={`flex min-h-tap items-center rounded-full px-3 no-underline ring-1 ring-inset ${ariaSort ? "bg-accent-50 text-accent-700 ring-indigo-300" : "bg-white text-slate-700 ring-slate-300"}`}
            >
              {column.label}
              {arrow}
            </Link>
          );
        })}
    </nav>
  );
}

/**
 * A list as dense as the Entra admin center's from lg (one line per row, long values ending in an ellipsis), and
 * as cards below it: each row a card with its name, status and two fields, nothing wider than the screen. The
 * headings sort (plain links); on a phone a row of the same links does.
 */
export function ListTable<R extends { id: string }>(props: Props<R>) {
  const { columns, rows, sorting, selection, fit = true } = props;
  return (
    <div className="rounded-xl lg:border lg:border-slate-200 lg:bg-white">
      {sorting && <PhoneSortLinks columns={columns} sorting={sorting} />}
      <table
        aria-label={props.label}
        className={`block w-full text-sm lg:table lg:divide-y lg:divide-slate-200 ${fit ? "lg:table-fixed" : ""}`}
      >
        <thead className="hidden bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600 lg:table-header-group">
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
        <tbody className="block space-y-3 lg:table-row-group lg:space-y-0 lg:divide-y lg:divide-slate-100">
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid={props.rowTestId}
              className={`relative grid grid-cols-[minmax(0,1fr)_auto] gap-x-2 gap-y-1 rounded-xl border border-slate-200 bg-white py-3 pr-3 lg:table-row lg:border-0 lg:p-0 lg:hover:bg-slate-50 ${selection ? "pl-11" : "pl-3"}`}
            >
              {selection && (
                <td className="absolute left-0 top-0 lg:static lg:table-cell lg:px-cell-x">
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
