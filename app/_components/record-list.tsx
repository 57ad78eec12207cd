import { redirect } from "next/navigation";
import type { ListTotal } from "@/lib/lists/list-total";
import type { RecordStatusFilter } from "@/lib/lists/record-status-filter";
import type { SortDirection } from "@/lib/lists/sorting";
import { pageCount } from "@/lib/lists/search-pattern";
import { filtersOf } from "@/lib/lists/search-params";
import { FilterBar } from "./filter-bar";
import { FilterSelect, listHref } from "./list-controls";
import { ListTotalLine } from "./list-total";
import { ListTable } from "./list-table";
import { listSorting, type ListColumn } from "./list-columns";
import { NoRowsMessage } from "./empty-state";
import { Pagination } from "./pagination";

/** What the clients and devices lists' query strings share. */
export type RecordListQuery = {
  page: number;
  sort: string;
  dir?: SortDirection;
  status?: RecordStatusFilter;
} & Record<string, string | number | undefined>;

/** The query without its page: the filters and the sort, which every link of the list keeps. */
export function withoutPage({ page, ...rest }: RecordListQuery) {
  void page;
  return rest;
}

/** How many filters narrow a list: every set value but the page and the sort. */
export function filterCount(query: RecordListQuery) {
  return Object.keys(filtersOf(query)).length;
}

/** A page past the end (an old link, a list that shrank) goes to the last page, where the total says which. */
export function redirectPastTheEnd(path: string, query: RecordListQuery, shown: number, total: ListTotal) {
  if (shown === 0 && query.page > 1 && total.precision === "exact" && total.count > 0)
    redirect(listHref(path, { ...withoutPage(query), page: pageCount(total.count) }));
}

/** A record list's Status filter: removed records are left out unless asked for. */
export function StatusFilterSelect({ value }: { value?: string }) {
  const options = [
    { value: "", label: "Active and disabled" },
    { value: "active", label: "Active" },
    { value: "disabled", label: "Disabled" },
    { value: "removed", label: "Removed" },
    { value: "any", label: "Any status, removed too" },
  ];
  return <FilterSelect name="status" label="Status" value={value} options={options} />;
}

type Props<R> = {
  path: string;
  noun: string;
  query: RecordListQuery;
  sortDefaults: Record<string, SortDirection>;
  rows: R[];
  total: ListTotal;
  /** The removed records the list leaves out under its filters (null when the status filter shows them). */
  hiddenRemoved: ListTotal | null;
  columns: ListColumn<R>[];
  filters: React.ReactNode;
  /** The bulk actions' form, whose id the rows' checkboxes name. */
  bulk?: { form: string; bar: React.ReactNode; nameOf: (row: R) => string };
};

/**
 * The clients and devices lists: the filters, the total with "Show removed", the bulk actions, the rows (a dense
 * table, cards on a phone, sorted by their headings) and the pages.
 */
export function RecordList<R extends { id: string }>(props: Props<R>) {
  const { path, noun, query, rows, total } = props;
  const kept = withoutPage(query);
  const removed = props.hiddenRemoved
    ? { hidden: props.hiddenRemoved, showHref: listHref(path, { ...kept, status: "any" }) }
    : query.status === "any"
      ? { hideHref: listHref(path, { ...kept, status: undefined }) }
      : null;
  const pastTheEnd = rows.length === 0 && query.page > 1;
  return (
    <>
      <FilterBar action={path} carried={{ sort: query.sort, dir: query.dir }}>
        {props.filters}
      </FilterBar>
      <ListTotalLine total={total} noun={noun} filters={filterCount(query)} removed={removed} />
      {props.bulk?.bar}
      {rows.length === 0 ? (
        <NoRowsMessage noun={noun} pastTheEnd={pastTheEnd} firstPageHref={listHref(path, kept)} />
      ) : (
        <ListTable
          label={noun[0].toUpperCase() + noun.slice(1)}
          columns={props.columns}
          rows={rows}
          sorting={listSorting(path, query, props.sortDefaults)}
          selection={props.bulk && { form: props.bulk.form, nameOf: props.bulk.nameOf }}
        />
      )}
      <Pagination
        page={query.page}
        total={total}
        shown={rows.length}
        noun={noun}
        hrefFor={(p) => listHref(path, { ...kept, page: p })}
      />
    </>
  );
}
