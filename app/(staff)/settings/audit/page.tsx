import { requireSuperuser } from "@/lib/session/current-staff";
import { countAuditEvents, listAuditEvents } from "@/lib/audit/queries";
import { auditSortDefaults, parseAuditListQuery } from "@/lib/audit/list-query";
import { filtersOf } from "@/lib/lists/search-params";
import { formatDateTime, SearchInput } from "@/app/_components/list-controls";
import { EmptyMessage, NoRowsMessage } from "@/app/_components/empty-state";
import { FilterBar } from "@/app/_components/filter-bar";
import { ListTable } from "@/app/_components/list-table";
import { listSorting, type ListColumn } from "@/app/_components/list-columns";
import { ListTotalLine } from "@/app/_components/list-total";

export const metadata = { title: "Audit log" };

/** The events the log shows at most: the latest, under its search. */
const SHOWN_EVENTS = 200;
const path = "/settings/audit";

type AuditEvent = Awaited<ReturnType<typeof listAuditEvents>>[number];

const changesOf = (event: AuditEvent) =>
  Object.entries(event.changes ?? {})
    .map(([field, change]) => `${field}: ${String(change.from || "—")} → ${String(change.to || "—")}`)
    .join("; ");

/** On a phone an event's card shows what happened, who did it and when. */
const columns: ListColumn<AuditEvent>[] = [
  { key: "at", label: "When", sort: "at", card: "field", width: "lg:w-48", cell: (event) => formatDateTime(event.at) },
  {
    key: "actor",
    label: "Who",
    sort: "actor",
    card: "field",
    width: "lg:w-48",
    text: (event) => event.actorName,
    cell: (event) => <strong className="font-medium">{event.actorName}</strong>,
  },
  { key: "summary", label: "What", card: "title", wrap: true, cell: (event) => event.summary },
  {
    key: "changes",
    label: "Changes",
    width: "lg:w-1/4",
    text: changesOf,
    cell: (event) => changesOf(event) || "—",
  },
];

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditLogPage({ searchParams }: Props) {
  const actor = await requireSuperuser();
  const query = parseAuditListQuery(await searchParams);
  const [events, total] = await Promise.all([
    listAuditEvents(actor, SHOWN_EVENTS, query),
    countAuditEvents(actor, query),
  ]);
  const filters = Object.keys(filtersOf(query)).length;
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Audit log</h1>
      {total.count === 0 && filters === 0 ? (
        <EmptyMessage>Nothing has been recorded yet.</EmptyMessage>
      ) : (
        <>
          <FilterBar action={path} carried={{ sort: query.sort, dir: query.dir }}>
            <SearchInput label="Search" value={query.q} placeholder="What happened, or who did it" />
          </FilterBar>
          <ListTotalLine total={total} noun="events" filters={filters} />
          {events.length === 0 ? (
            <NoRowsMessage noun="events" pastTheEnd={false} firstPageHref={path} />
          ) : (
            <div data-testid="audit-log">
              <ListTable
                label="Audit log"
                columns={columns}
                rows={events}
                sorting={listSorting(path, query, auditSortDefaults)}
              />
            </div>
          )}
          {total.count > events.length && (
            <p className="mt-3 text-sm text-slate-600">
              The latest {SHOWN_EVENTS} are shown: search to find older ones.
            </p>
          )}
        </>
      )}
    </>
  );
}
