import { z } from "zod";
import { syncKind, syncRunStatus } from "@/db/schema";
import { firstValues } from "@/lib/lists/search-params";
import { sortDirectionField } from "@/lib/lists/sorting";

/** The run history's query string; anything unrecognised falls back to the default (the latest runs first). */
export const runListQuery = z.object({
  kind: z.enum(syncKind.enumValues).optional().catch(undefined),
  status: z.enum(syncRunStatus.enumValues).optional().catch(undefined),
  sort: z.enum(["started", "kind", "status"]).catch("started").default("started"),
  dir: sortDirectionField,
});

export type RunListQuery = z.infer<typeof runListQuery>;

/** The latest run first; kinds and statuses in the order the schema declares them (users, then devices; a run's life). */
export const runSortDefaults = { started: "desc", kind: "asc", status: "asc" } as const;

export function parseRunListQuery(searchParams: Record<string, string | string[] | undefined>) {
  return runListQuery.parse(firstValues(searchParams));
}
