import Link from "next/link";
import { listHref } from "@/app/_components/list-controls";
import { overviewFilterLabels, type OverviewFilter } from "@/lib/organization-overview/filtering";
import type { OverviewSort } from "@/lib/organization-overview/sorting";

export type OverviewView = { sorted: { sort: OverviewSort; direction: "asc" | "desc" }; filter: OverviewFilter | null };

/** The overview's address for a sort and a filter, so a sort keeps the filter and a filter keeps the sort. */
export function overviewHref({ sorted, filter }: OverviewView) {
  return listHref("/settings/organizations", { sort: sorted.sort, dir: sorted.direction, status: filter ?? undefined });
}

/** Plain links: the filter works without JavaScript, and with it applies at the click. */
export function StatusFilter({ view }: { view: OverviewView }) {
  const choices: [OverviewFilter | null, string][] = [
    [null, "All"],
    ...(Object.entries(overviewFilterLabels) as [OverviewFilter, string][]),
  ];
  return (
    <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
      {choices.map(([filter, label]) => {
        const active = filter === view.filter;
        return (
          <Link
            key={label}
            href={overviewHref({ ...view, filter })}
            aria-current={active ? "page" : undefined}
            className={`flex min-h-tap items-center rounded-full px-3 py-1 font-medium no-underline ring-1 ring-inset md:min-h-0 ${active ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
