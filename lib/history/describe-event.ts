import type { FieldChange, RecordEvent, RecordEventKind, SyncKind } from "@/db/schema";
import { fieldLabel, type RecordKind } from "./field-labels";

const what: Record<RecordEventKind, (record: RecordKind) => string> = {
  created: () => "Created from Microsoft Entra",
  matched: (record) => `Taken over from a ${record} added by hand`,
  changed: () => "Changed in Microsoft Entra",
  disabled: () => "Disabled",
  enabled: () => "Enabled",
  removed: () => "Removed",
  restored: () => "Restored",
  added_by_hand: () => "Added by hand",
  edited_by_hand: () => "Edited by hand",
  notes_changed: () => "Notes changed",
  portal_invited: () => "Portal invitation sent",
  portal_accepted: () => "Portal invitation accepted",
  portal_revoked: () => "Portal access revoked",
  owner_changed: () => "Owner changed",
};

/** A run as an event names it: which sync, and when it started. */
export type EventRun = { kind: SyncKind; startedAt: Date | null; queuedAt: Date };

/** Owners' names by Entra object id, for a device's "Owner changed": the clients synced in its connection. */
export type OwnerNames = ReadonlyMap<string, string>;

const notSyncedOwner = "an account Vertask has not synced";

const utc = { timeZone: "UTC" } as const;
const dayOf = (at: Date) => at.toLocaleDateString("en-GB", { ...utc, day: "numeric", month: "short", year: "numeric" });
const timeOf = (at: Date) => `${at.toLocaleTimeString("en-GB", { ...utc, hour: "2-digit", minute: "2-digit" })} UTC`;

/** "7 Dec 2026 at 00:50 UTC": when an event happened. */
export const eventTime = (at: Date) => `${dayOf(at)} at ${timeOf(at)}`;

const dateFields = new Set(["lastSignInAt", "registeredAt"]);

/** A field's value as its page shows it: Yes/No, a date in UTC, a device owner by name; "none" when empty. */
function shownValue(field: string, value: string | null, owners: OwnerNames) {
  if (field === "ownerEntraObjectId") return value === null ? "no owner" : (owners.get(value) ?? notSyncedOwner);
  if (value === null || value === "") return "none";
  if (value === "true" || value === "false") return value === "true" ? "Yes" : "No";
  if (dateFields.has(field) && !Number.isNaN(Date.parse(value))) return eventTime(new Date(value));
  return value;
}

/** One field's change in words: its label, and its old and new values (never a note's text). */
export type ShownChange = { label: string; from: string; to: string } | { label: string; hidden: true };

export function describeChanges(record: RecordKind, changes: FieldChange[] | null, owners: OwnerNames): ShownChange[] {
  return (changes ?? []).map(({ field, from, to }) =>
    field === "notes"
      ? { label: fieldLabel(record, field), hidden: true }
      : {
          label: fieldLabel(record, field),
          from: shownValue(field, from, owners),
          to: shownValue(field, to, owners),
        },
  );
}

/** "the users sync at 00:50 UTC" (with its day when it started on another day than the event). */
function runWords(run: EventRun, eventAt: Date) {
  const started = run.startedAt ?? run.queuedAt;
  const when = dayOf(started) === dayOf(eventAt) ? timeOf(started) : eventTime(started);
  return `the ${run.kind} sync at ${when}`;
}

/** Who made an event happen: a run (and who applied it anyway), a staff member, or no one named (the client). */
export type EventActor = { run: string | null; staff: string | null };

export function eventActor(event: Pick<RecordEvent, "at" | "staffName">, run: EventRun | null): EventActor {
  return { run: run && runWords(run, event.at), staff: event.staffName };
}

/** An event in words: what happened (with its reason), each field changed, and who made it happen. */
export type DescribedEvent = { what: string; reason: string | null; changes: ShownChange[]; by: EventActor };

export function describeEvent(
  record: RecordKind,
  event: Pick<RecordEvent, "kind" | "at" | "reason" | "changes" | "staffName">,
  run: EventRun | null,
  owners: OwnerNames = new Map(),
): DescribedEvent {
  return {
    what: what[event.kind](record),
    reason: event.reason,
    changes: describeChanges(record, event.changes, owners),
    by: eventActor(event, run),
  };
}

/** "Removed on 7 Dec 2026" — the start of a disabled or removed record's state line. */
export function stateSince(event: Pick<RecordEvent, "kind" | "at">, record: RecordKind) {
  return `${what[event.kind](record)} on ${dayOf(event.at)}`;
}

/** What a run did to a record, as its page and its export say it: an event's kind, or what it holds back. */
export function runChangeWords(action: RecordEventKind | "held_disabled" | "held_removed", record: RecordKind) {
  if (action === "held_disabled") return "Would be disabled (held back for review)";
  if (action === "held_removed") return "Would be removed (held back for review)";
  return what[action](record);
}

/** "Job title: Engineer → Lead; Mail: none → ann@contoso.example", one line (a CSV cell). */
export const changesInWords = (changes: ShownChange[]) =>
  changes.map((c) => ("hidden" in c ? `${c.label} changed` : `${c.label}: ${c.from} → ${c.to}`)).join("; ");
