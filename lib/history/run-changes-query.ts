import { z } from "zod";
import type { RecordEventKind } from "@/db/schema";
import { firstValues } from "@/lib/lists/search-params";

/**
 * What a run's page filters by, named as the run history counts them ("3 updated", "8 removed"), each the kinds
 * of event it gathers; "held" is what a run waiting for review holds back (its pending disables and removals).
 */
export const runActions = {
  created: ["created"],
  matched: ["matched"],
  updated: ["changed", "owner_changed"],
  disabled: ["disabled"],
  removed: ["removed"],
  restored: ["restored", "enabled"],
  held: [],
} as const satisfies Record<string, readonly RecordEventKind[]>;

export type RunAction = keyof typeof runActions;

export const runActionLabels: Record<RunAction, string> = {
  created: "Created",
  matched: "Taken over from a record added by hand",
  updated: "Updated",
  disabled: "Disabled",
  removed: "Removed",
  restored: "Restored or enabled",
  held: "Held back for review",
};

/** A run page's query string; anything unrecognised falls back to no filter. */
const runChangesQuery = z.object({
  action: z
    .enum(Object.keys(runActions) as [RunAction, ...RunAction[]])
    .optional()
    .catch(undefined),
  reason: z.string().trim().max(200).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type RunChangesQuery = z.infer<typeof runChangesQuery>;

export function parseRunChangesQuery(searchParams: Record<string, string | string[] | undefined>) {
  return runChangesQuery.parse(firstValues(searchParams));
}
