import { z } from "zod";
import { firstValues } from "@/lib/lists/search-params";
import { sortDirectionField } from "@/lib/lists/sorting";

/** The audit log's query string; anything unrecognised falls back to the default (the latest first). */
export const auditListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(["at", "actor"]).catch("at").default("at"),
  dir: sortDirectionField,
});

export type AuditListQuery = z.infer<typeof auditListQuery>;

/** The latest first; people A→Z. */
export const auditSortDefaults = { at: "desc", actor: "asc" } as const;

export function parseAuditListQuery(searchParams: Record<string, string | string[] | undefined>) {
  return auditListQuery.parse(firstValues(searchParams));
}
