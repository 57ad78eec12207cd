import type { RecordStatus, SyncCounts } from "@/db/schema";
import { sameFields } from "./record-fields";

/** A row as Vertask has it, reduced to what a sync compares. */
export type KnownRecord<F> = { id: string; entraObjectId: string; status: RecordStatus } & Partial<F>;

export type IncomingChange<C> = { type: "upsert"; item: C & { id: string } } | { type: "removed"; id: string; reason: "changed" | "deleted" };

export type PageRules<C, F> = {
  fieldsFrom: (change: C, kept?: Partial<F>) => F | null;
  isEnabled: (fields: F) => boolean;
  /** Why this object is not synced at all (e.g. a guest while external users are off), or null. */
  skipReason: (fields: F) => string | null;
  noun: string;
};

export type PageDecision<F> = {
  inserts: ({ entraObjectId: string; status: RecordStatus } & F)[];
  updates: ({ id: string; entraObjectId: string; status: RecordStatus } & F)[];
  unchangedIds: string[];
  pending: { entraObjectId: string; toStatus: "disabled" | "removed"; reason: string }[];
  /** Objects this page leaves with nothing pending: a disable or removal an earlier page held is void. */
  settledObjectIds: string[];
  counts: SyncCounts;
  skippedReasons: Record<string, number>;
};

export const noCounts = (): SyncCounts => ({ created: 0, updated: 0, disabled: 0, removed: 0, restored: 0, unchanged: 0, skipped: 0 });

/**
 * What one page of Graph changes does to Vertask's rows. Creates, updates and restores are written with
 * the page; disables and removals are held as pending, to be applied together at the end of the run.
 */
export function decidePage<C, F extends object>(rules: PageRules<C, F>, changes: IncomingChange<C>[], known: Map<string, KnownRecord<F>>): PageDecision<F> {
  const decision: PageDecision<F> = { inserts: [], updates: [], unchangedIds: [], pending: [], settledObjectIds: [], counts: noCounts(), skippedReasons: {} };
  const skip = (reason: string) => {
    decision.counts.skipped++;
    decision.skippedReasons[reason] = (decision.skippedReasons[reason] ?? 0) + 1;
  };
  // Delta may send the same object twice: its last appearance in the page wins.
  const latest = new Map<string, IncomingChange<C>>();
  for (const change of changes) latest.set(change.type === "upsert" ? change.item.id : change.id, change);

  for (const [objectId, change] of latest) {
    const existing = known.get(objectId);
    if (change.type === "removed") {
      if (!existing) skip(`removed in Microsoft Entra before Vertask synced it`);
      else if (existing.status !== "removed") {
        const reason = change.reason === "deleted" ? "deleted in Microsoft Entra" : "deleted in Microsoft Entra (restorable for 30 days)";
        decision.pending.push({ entraObjectId: objectId, toStatus: "removed", reason });
      }
      continue;
    }
    const fields = rules.fieldsFrom(change.item, existing);
    if (!fields) {
      skip(`only changed properties arrived for a ${rules.noun} Vertask has not synced`);
      continue;
    }
    const skipReason = rules.skipReason(fields);
    if (skipReason) {
      if (existing && existing.status !== "removed") decision.pending.push({ entraObjectId: objectId, toStatus: "removed", reason: skipReason });
      else skip(skipReason);
      continue;
    }
    const target: RecordStatus = rules.isEnabled(fields) ? "active" : "disabled";
    if (!existing) {
      decision.inserts.push({ entraObjectId: objectId, status: target, ...fields });
      decision.counts.created++;
    } else if (existing.status === "active" && target === "disabled") {
      // The fields are written now; the status waits for the end of the run (and the review guard).
      decision.updates.push({ id: existing.id, entraObjectId: objectId, status: "active", ...fields });
      decision.pending.push({ entraObjectId: objectId, toStatus: "disabled", reason: "account disabled in Microsoft Entra" });
    } else if (existing.status !== target) {
      decision.updates.push({ id: existing.id, entraObjectId: objectId, status: target, ...fields });
      decision.counts[target === "active" ? "restored" : "updated"]++;
    } else if (!sameFields(fields, existing)) {
      decision.updates.push({ id: existing.id, entraObjectId: objectId, status: target, ...fields });
      decision.counts.updated++;
    } else {
      decision.unchangedIds.push(existing.id);
      decision.counts.unchanged++;
    }
  }
  const pendingIds = new Set(decision.pending.map((p) => p.entraObjectId));
  decision.settledObjectIds = [...latest.keys()].filter((id) => !pendingIds.has(id));
  return decision;
}
