import type { Actor } from "@/lib/auth/authorize";
import { listSyncRuns } from "@/lib/sync-runs/queries";
import { parseRunListQuery, runSortDefaults } from "@/lib/sync-runs/list-query";
import { filtersOf } from "@/lib/lists/search-params";
import { runStatusLabels } from "@/lib/sync-runs/describe-run";
import { EmptyMessage, NoRowsMessage } from "@/app/_components/empty-state";
import { FilterBar } from "@/app/_components/filter-bar";
import { FilterSelect } from "@/app/_components/list-controls";
import { ListTable } from "@/app/_components/list-table";
import { listSorting } from "@/app/_components/list-columns";
import { ListTotalLine } from "@/app/_components/list-total";
import { RefreshEvery } from "@/app/_components/refresh-every";
import { runColumns } from "./run-columns";

/** The runs the history shows at most: the latest, under its filters. */
const SHOWN_RUNS = 100;

type Props = {
  actor: Actor;
  organizationId: string;
  /** The page's address, which its sort and filter links keep. */
  path: string;
  params: Record<string, string | string[] | undefined>;
};

/** One organization's run history: its own runs only, so none needs to name its organization. */
export async function RunHistory({ actor, organizationId, path, params }: Props) {
  const query = parseRunListQuery(params);
  const runs = await listSyncRuns(actor, organizationId, SHOWN_RUNS, query);
  const filters = Object.keys(filtersOf(query)).length;
  if (runs.length === 0 && filters === 0) return <EmptyMessage>No sync has run yet.</EmptyMessage>;
  const running = runs.some((run) => run.status === "queued" || run.status === "running");
  return (
    <>
      {running && <RefreshEvery seconds={2} />}
      <FilterBar action={path} carried={{ sort: query.sort, dir: query.dir }}>
        <FilterSelect
          name="kind"
          label="Kind"
          value={query.kind}
          options={[
            { value: "", label: "Users and devices" },
            { value: "users", label: "Users" },
            { value: "devices", label: "Devices" },
          ]}
        />
        <FilterSelect
          name="status"
          label="Status"
          value={query.status}
          options={[
            { value: "", label: "Any status" },
            ...Object.entries(runStatusLabels).map(([value, label]) => ({ value, label })),
          ]}
        />
      </FilterBar>
      <ListTotalLine
        total={{ count: runs.length, precision: runs.length < SHOWN_RUNS ? "exact" : "more than" }}
        noun="runs"
        filters={filters}
      />
      {runs.length === 0 ? (
        <NoRowsMessage noun="runs" pastTheEnd={false} firstPageHref={path} />
      ) : (
        <ListTable
          label="Sync runs"
          columns={runColumns(path)}
          rows={runs}
          sorting={listSorting(path, query, runSortDefaults)}
        />
      )}
    </>
  );
}
