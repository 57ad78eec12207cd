import Link from "next/link";
import { notFound } from "next/navigation";
import type { Actor } from "@/lib/auth/authorize";
import { getSyncRun } from "@/lib/sync-runs/queries";
import { describeCounts, triggerLabels } from "@/lib/sync-runs/describe-run";
import {
  changesInWords,
  describeChanges,
  eventTime,
  runChangeWords,
  type OwnerNames,
} from "@/lib/history/describe-event";
import { listRunChanges, runChangeReasons, type ListedRun, type RunChange } from "@/lib/history/run-changes";
import { ownerNamesIn } from "@/lib/history/queries";
import { parseRunChangesQuery, runActionLabels, type RunAction } from "@/lib/history/run-changes-query";
import { DataTable } from "@/app/_components/data-table";
import { cardsOnPhone } from "@/app/_components/cards-on-phone";
import { Pagination } from "@/app/_components/pagination";
import { RunStatusBadge } from "@/app/_components/status-badge";
import { FilterSelect, listHref, SearchInput } from "@/app/_components/list-controls";
import { NoRowsMessage } from "@/app/_components/empty-state";
import { FilterBar } from "@/app/_components/filter-bar";

type Props = {
  actor: Actor;
  organizationId: string;
  runId: string;
  searchParams: Record<string, string | string[] | undefined>;
  /** Where the run history this page belongs to is: Settings → Azure User Sync, or one organization's. */
  runsPath: string;
};

const actionOptions = [
  { value: "", label: "All actions" },
  ...(Object.entries(runActionLabels) as [RunAction, string][]).map(([value, label]) => ({ value, label })),
];

function ChangeRow({ change, run, owners }: { change: RunChange; run: ListedRun; owners: OwnerNames }) {
  const record = run.kind === "users" ? "client" : "device";
  return (
    <tr className="align-top" data-testid="run-change">
      <td className="min-w-40 px-4 py-2 wrap-anywhere">
        <Link href={`/${record === "client" ? "clients" : "devices"}/${change.recordId}`}>{change.name}</Link>
      </td>
      <td className="px-4 py-2">{runChangeWords(change.action, record)}</td>
      <td className="px-4 py-2">
        <span className="sm:hidden">Reason: </span>
        {change.reason ?? "—"}
      </td>
      <td className="min-w-48 px-4 py-2 wrap-anywhere">
        <span className="sm:hidden">Changes: </span>
        {changesInWords(describeChanges(record, change.changes, owners)) || "—"}
      </td>
      <td className="px-4 py-2 sm:whitespace-nowrap">{change.at ? eventTime(change.at) : "—"}</td>
    </tr>
  );
}

/** A run's own page: every change it made or holds back, filtered by action and reason, found by name, paged. */
export async function RunChanges({ actor, organizationId, runId, searchParams, runsPath }: Props) {
  const run = await getSyncRun(actor, organizationId, runId);
  if (!run) notFound();
  const query = parseRunChangesQuery(searchParams);
  const [{ rows, total }, reasons] = await Promise.all([
    listRunChanges(actor, run, query),
    runChangeReasons(actor, run),
  ]);
  const owners = await ownerNamesIn(
    run.connectionId,
    rows.map((row) => row.changes),
  );
  const filters = { action: query.action, reason: query.reason, q: query.q };
  const path = `${runsPath}/${run.id}`;
  const exportHref = listHref(`/settings/organizations/${organizationId}/runs/${run.id}/export`, filters);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={runsPath}>← Run history</Link>
      </p>
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">
          {run.kind === "users" ? "Users" : "Devices"} sync of {eventTime(run.startedAt ?? run.queuedAt)}
        </h2>
        <RunStatusBadge status={run.status} />
      </div>
      <p className="mb-4 text-sm text-slate-600">
        {triggerLabels[run.trigger]}
        {run.requestedByName && `, requested by ${run.requestedByName}`}
        {run.counts && `: ${describeCounts(run.counts)}`}
        {run.reviewNote && <span className="block text-amber-800">{run.reviewNote}</span>}
      </p>
      <FilterBar action={path} carried={{}}>
        <SearchInput label="Find by name" value={query.q} placeholder="Part of a name" />
        <FilterSelect name="action" label="Action" value={query.action} options={actionOptions} />
        <FilterSelect
          name="reason"
          label="Reason"
          value={query.reason}
          options={[
            { value: "", label: "All reasons" },
            ...reasons.map((reason) => ({ value: reason, label: reason })),
          ]}
        />
      </FilterBar>
      <p className="mb-4 text-sm">
        <a href={exportHref}>Export CSV</a>
      </p>
      {rows.length === 0 ? (
        <NoRowsMessage
          noun="changes"
          pastTheEnd={query.page > 1 && total.count > 0}
          firstPageHref={listHref(path, filters)}
        />
      ) : (
        <DataTable className={cardsOnPhone} headers={["Name", "What happened", "Reason", "Changes", "Time"]}>
          {rows.map((change) => (
            <ChangeRow key={change.key} change={change} run={run} owners={owners} />
          ))}
        </DataTable>
      )}
      <Pagination
        page={query.page}
        total={total}
        shown={rows.length}
        hrefFor={(page) => listHref(path, { ...filters, page })}
        noun="changes"
      />
    </>
  );
}
