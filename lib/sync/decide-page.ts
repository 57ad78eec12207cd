import type { FieldChange, RecordEventKind, RecordStatus, SyncCounts, SyncExamples } from "@/db/schema";
import { fieldChanges } from "@/lib/history/field-changes";
import { sameFields } from "./record-fields";

/** A row as Vertask has it, reduced to what a sync compares. */
export type KnownRecord<F> = { id: string; entraObjectId: string; status: RecordStatus } & Partial<F>;

export type IncomingChange<C> =
  { type: "upsert"; item: C & { id: string } } | { type: "removed"; id: string; reason: "changed" | "deleted" };

/** A new object's match among the records added by hand: one to link, or several a person must merge. */
/** The record added by hand an object takes over, with what it keeps of its own (written with the object's fields). */
export type HandMadeMatch = { recordId: string; keeps?: Record<string, unknown> } | { count: number } | null;

export type PageRules<C, F> = {
  fieldsFrom: (change: C, kept?: Partial<F>) => F | null;
  isEnabled: (fields: F) => boolean;
  /** Why this object is not synced at all (a guest while external users are off, the sync scope), or null. */
  skipReason: (fields: F, objectId: string, existing: KnownRecord<F> | undefined) => string | null;
  /** The reason a synced record is removed for, when it starts being skipped; the skip reason when absent. */
  removalReason?: (skipReason: string) => string;
  /** A record added by hand that a new object should take over instead of creating another. */
  handMadeMatch?: (fields: F) => HandMadeMatch;
  noun: string;
  /** The fields a record's history tells the changes of (a sign-in time changes too often to be news). */
  toldFields: (keyof F & string)[];
  /** Fields whose change is an event of its own rather than one of a "changed" event's fields (a device's owner). */
  ownEvents?: Partial<Record<keyof F & string, RecordEventKind>>;
};

/** What a page's write appends to a record's history, keyed by its Entra object (lib/history). */
export type PageEvent = { entraObjectId: string; kind: RecordEventKind; changes: FieldChange[] | null };

export type PageDecision<F> = {
  inserts: ({ entraObjectId: string; status: RecordStatus } & F)[];
  updates: ({ id: string; entraObjectId: string; status: RecordStatus } & F)[];
  unchangedIds: string[];
  /** Records added by hand that new objects take over (same address): written with the object's fields. */
  adoptions: ({ id: string; entraObjectId: string; status: RecordStatus } & F)[];
  pending: { entraObjectId: string; toStatus: "disabled" | "removed"; reason: string }[];
  /** Objects this page leaves with nothing pending: a disable or removal an earlier page held is void. */
  settledObjectIds: string[];
  events: PageEvent[];
  counts: SyncCounts;
  skippedReasons: Record<string, number>;
  examples: SyncExamples;
};

/** The names kept behind each count, per page and per run: enough to recognise, never the whole list. */
export const EXAMPLES_PER_KIND = 10;

const skippedExampleKey = (reason: string) => `skipped: ${reason}`;

/** Adds a name to one kind of examples, up to EXAMPLES_PER_KIND. */
export function addExample(examples: SyncExamples, kind: string, name: string) {
  const names = (examples[kind] ??= []);
  if (names.length < EXAMPLES_PER_KIND && !names.includes(name)) names.push(name);
}

export const noCounts = (): SyncCounts => ({
  created: 0,
  matched: 0,
  updated: 0,
  disabled: 0,
  removed: 0,
  restored: 0,
  unchanged: 0,
  skipped: 0,
});

/** One page's decision as it is built, with the two ways a change is counted. */
type Tally<F> = {
  decision: PageDecision<F>;
  /** Not synced: counted under its reason, with the object's name as an example. */
  skip: (reason: string, name?: string) => void;
  counted: (kind: "created" | "matched" | "updated" | "restored", fields: F) => void;
};

function newTally<F extends { displayName: string }>(): Tally<F> {
  const decision: PageDecision<F> = {
    inserts: [],
    updates: [],
    adoptions: [],
    unchangedIds: [],
    pending: [],
    settledObjectIds: [],
    events: [],
    counts: noCounts(),
    skippedReasons: {},
    examples: {},
  };
  return {
    decision,
    skip: (reason, name) => {
      decision.counts.skipped++;
      decision.skippedReasons[reason] = (decision.skippedReasons[reason] ?? 0) + 1;
      if (name) addExample(decision.examples, skippedExampleKey(reason), name);
    },
    counted: (kind, fields) => {
      decision.counts[kind]++;
      addExample(decision.examples, kind, fields.displayName);
    },
  };
}

/** An object deleted in Microsoft Entra: its record's removal is held for the end of the run. */
function decideRemoval<F>(
  tally: Tally<F>,
  objectId: string,
  change: Extract<IncomingChange<unknown>, { type: "removed" }>,
  existing: KnownRecord<F> | undefined,
) {
  if (!existing) tally.skip(`removed in Microsoft Entra before Vertask synced it`);
  else if (existing.status !== "removed") {
    const reason =
      change.reason === "deleted"
        ? "deleted in Microsoft Entra"
        : "deleted in Microsoft Entra (restorable for 30 days)";
    tally.decision.pending.push({ entraObjectId: objectId, toStatus: "removed", reason });
  }
}

/**
 * The history events of a record's update: the status change (`kind`, or "changed" when only fields changed, and
 * nothing when no told field did), with its told fields, and each own-event field's change on its own.
 */
function tellUpdate<C, F extends object>(
  rules: PageRules<C, F>,
  decision: PageDecision<F>,
  entraObjectId: string,
  kind: RecordEventKind,
  fields: F,
  existing: KnownRecord<F>,
) {
  const changes = fieldChanges(existing as Partial<F>, fields, rules.toldFields);
  const own: Partial<Record<string, RecordEventKind>> = rules.ownEvents ?? {};
  const fieldsChanged = changes.filter((change) => !own[change.field]);
  for (const change of changes) {
    const ownKind = own[change.field];
    if (ownKind) decision.events.push({ entraObjectId, kind: ownKind, changes: [change] });
  }
  if (kind !== "changed" || fieldsChanged.length)
    decision.events.push({ entraObjectId, kind, changes: fieldsChanged.length ? fieldsChanged : null });
}

/** An object synced (not skipped): taken over from a record added by hand, created, or brought up to date. */
function decideWrite<C, F extends { displayName: string }>(
  rules: PageRules<C, F>,
  tally: Tally<F>,
  objectId: string,
  fields: F,
  existing: KnownRecord<F> | undefined,
) {
  const { decision, skip, counted } = tally;
  const target: RecordStatus = rules.isEnabled(fields) ? "active" : "disabled";
  const handMade = existing ? null : rules.handMadeMatch?.(fields);
  if (handMade && "count" in handMade) {
    skip(`${handMade.count} clients added by hand have this address`, fields.displayName);
  } else if (handMade) {
    decision.adoptions.push({
      id: handMade.recordId,
      entraObjectId: objectId,
      status: target,
      ...fields,
      ...handMade.keeps,
    });
    decision.events.push({ entraObjectId: objectId, kind: "matched", changes: null });
    counted("matched", fields);
  } else if (!existing) {
    decision.inserts.push({ entraObjectId: objectId, status: target, ...fields });
    decision.events.push({ entraObjectId: objectId, kind: "created", changes: null });
    counted("created", fields);
  } else if (existing.status === "active" && target === "disabled") {
    // The fields are written now; the status waits for the end of the run (and the review guard).
    decision.updates.push({ id: existing.id, entraObjectId: objectId, status: "active", ...fields });
    tellUpdate(rules, decision, objectId, "changed", fields, existing);
    decision.pending.push({
      entraObjectId: objectId,
      toStatus: "disabled",
      reason: "account disabled in Microsoft Entra",
    });
  } else if (existing.status !== target) {
    decision.updates.push({ id: existing.id, entraObjectId: objectId, status: target, ...fields });
    tellUpdate(rules, decision, objectId, existing.status === "removed" ? "restored" : "enabled", fields, existing);
    counted(target === "active" ? "restored" : "updated", fields);
  } else if (!sameFields(fields, existing)) {
    decision.updates.push({ id: existing.id, entraObjectId: objectId, status: target, ...fields });
    tellUpdate(rules, decision, objectId, "changed", fields, existing);
    counted("updated", fields);
  } else {
    decision.unchangedIds.push(existing.id);
    decision.counts.unchanged++;
  }
}

/** An object created or changed in Microsoft Entra: skipped (its record removed if it had one), or written. */
function decideUpsert<C, F extends { displayName: string }>(
  rules: PageRules<C, F>,
  tally: Tally<F>,
  objectId: string,
  item: C,
  existing: KnownRecord<F> | undefined,
) {
  const fields = rules.fieldsFrom(item, existing);
  if (!fields) {
    tally.skip(`only changed properties arrived for a ${rules.noun} Vertask has not synced`);
    return;
  }
  const skipReason = rules.skipReason(fields, objectId, existing);
  if (!skipReason) return decideWrite(rules, tally, objectId, fields, existing);
  if (existing && existing.status !== "removed") {
    tally.decision.pending.push({
      entraObjectId: objectId,
      toStatus: "removed",
      reason: rules.removalReason?.(skipReason) ?? skipReason,
    });
  } else tally.skip(skipReason, fields.displayName);
}

/**
 * What one page of Graph changes does to Vertask's rows. Creates, updates and restores are written with
 * the page; disables and removals are held as pending, to be applied together at the end of the run.
 */
export function decidePage<C, F extends { displayName: string }>(
  rules: PageRules<C, F>,
  changes: IncomingChange<C>[],
  known: Map<string, KnownRecord<F>>,
): PageDecision<F> {
  const tally = newTally<F>();
  // Delta may send the same object twice: its last appearance in the page wins.
  const latest = new Map<string, IncomingChange<C>>();
  for (const change of changes) latest.set(change.type === "upsert" ? change.item.id : change.id, change);

  for (const [objectId, change] of latest) {
    const existing = known.get(objectId);
    if (change.type === "removed") decideRemoval(tally, objectId, change, existing);
    else decideUpsert(rules, tally, objectId, change.item, existing);
  }
  const { decision } = tally;
  const pendingIds = new Set(decision.pending.map((p) => p.entraObjectId));
  decision.settledObjectIds = [...latest.keys()].filter((id) => !pendingIds.has(id));
  return decision;
}

/**
 * Whether a page decided while the page before it was written (`before`) still holds after that write: it does
 * when that page took over no record added by hand (an object of this page with the same address would have
 * been matched to the same record) and had none of this page's objects (delta may send one on two pages).
 */
export function decidedAlongside<F>(before: PageDecision<F>, page: { changes: IncomingChange<unknown>[] }) {
  if (before.adoptions.length) return false;
  const beforeObjects = new Set([...before.settledObjectIds, ...before.pending.map((p) => p.entraObjectId)]);
  return !page.changes.some((change) => beforeObjects.has(change.type === "upsert" ? change.item.id : change.id));
}
