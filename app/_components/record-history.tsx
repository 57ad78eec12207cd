import Link from "next/link";
import type { Actor } from "@/lib/auth/authorize";
import { describeEvent, eventTime, type EventActor } from "@/lib/history/describe-event";
import type { RecordKind } from "@/lib/history/field-labels";
import { recordHistory, type HistoryEntry, type HistoryOf } from "@/lib/history/queries";
import { Pagination } from "./pagination";

/** A run's own page, under its organization's settings. */
const runHref = ({ event }: HistoryEntry) => `/settings/organizations/${event.organizationId}/runs/${event.runId}`;

/**
 * "by the users sync at 00:50 UTC" (a link to the run for a superuser: runs' pages are theirs), "by Ada Admin",
 * or both when a staff member applied a held run. Nothing for a client's own step (accepting an invitation).
 */
export function EventBy({ actor, entry, by }: { actor: Actor; entry: HistoryEntry; by: EventActor }) {
  if (!by.run && !by.staff) return null;
  const run =
    by.run && (actor.role === "superuser" ? <Link href={runHref(entry)}>{by.run}</Link> : <span>{by.run}</span>);
  return (
    <>
      {" by "}
      {run}
      {run && by.staff && ` (applied by ${by.staff})`}
      {!run && by.staff}
    </>
  );
}

function HistoryItem({
  actor,
  entry,
  record,
  owners,
}: {
  actor: Actor;
  entry: HistoryEntry;
  record: RecordKind;
  owners: Parameters<typeof describeEvent>[3];
}) {
  const { event } = entry;
  const told = describeEvent(record, event, entry.run, owners);
  return (
    <li className="px-4 py-3 text-sm" data-testid="history-event">
      <p>
        <span className="font-medium">{told.what}</span>
        {told.reason && `: ${told.reason}`}
      </p>
      {told.changes.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-slate-700">
          {told.changes.map((change, i) => (
            <li key={i} className="wrap-anywhere">
              {change.label}: {"hidden" in change ? "changed" : `${change.from} → ${change.to}`}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-1 text-slate-600">
        <time dateTime={event.at.toISOString()}>{eventTime(event.at)}</time>
        <EventBy actor={actor} entry={entry} by={told.by} />
      </p>
    </li>
  );
}

/** The history page a record's address asks for (`?historyPage=`): the first for anything but a page number. */
export function historyPageOf(value: string | undefined) {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

type Props = {
  actor: Actor;
  of: HistoryOf;
  record: RecordKind;
  page: number;
  hrefFor: (page: number) => string;
};

/** A record's history, newest first, a page at a time: what happened, each field old → new, when and by whom. */
export async function RecordHistory({ actor, of, record, page, hrefFor }: Props) {
  const { entries, total, owners } = await recordHistory(actor, of, page);
  return (
    <section aria-labelledby="history-heading" id="history">
      <h2 id="history-heading" className="mt-8 mb-3 text-lg font-semibold">
        History
      </h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">
          {page > 1 ? "This page of the history is empty." : `Nothing has happened to this ${record} yet.`}
        </p>
      ) : (
        <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white">
          {entries.map((entry) => (
            <HistoryItem key={entry.event.id} actor={actor} entry={entry} record={record} owners={owners} />
          ))}
        </ol>
      )}
      <Pagination page={page} total={total} shown={entries.length} hrefFor={hrefFor} noun="events" />
    </section>
  );
}
