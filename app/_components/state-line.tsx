import type { Actor } from "@/lib/auth/authorize";
import type { RecordStatus } from "@/db/schema";
import { eventActor, stateSince } from "@/lib/history/describe-event";
import type { RecordKind } from "@/lib/history/field-labels";
import { eventThatMadeIt, type HistoryOf } from "@/lib/history/queries";
import { EventBy } from "./record-history";

/**
 * Beside a disabled or removed record's status badge, the latest event that made it so: "Removed on 7 Dec 2026
 * by the users sync at 00:50 UTC: left the sync scope (no licence)". Nothing for an active record.
 */
export async function StateLine(props: { actor: Actor; of: HistoryOf; status: RecordStatus; record: RecordKind }) {
  const entry = await eventThatMadeIt(props.actor, props.of, props.status);
  if (!entry) return null;
  const { event } = entry;
  return (
    <p className="text-sm text-slate-700" data-testid="state-line">
      {stateSince(event, props.record)}
      <EventBy actor={props.actor} entry={entry} by={eventActor(event, entry.run)} />
      {event.reason && `: ${event.reason}`}
    </p>
  );
}
