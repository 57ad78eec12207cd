import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { recordSource } from "@/db/schema";
import { firstValues } from "@/lib/lists/search-params";
import { recordStatusFilter } from "@/lib/lists/record-status-filter";
import { sortDirectionField } from "@/lib/lists/sorting";

/** The client list's query string; anything unrecognised falls back to the default. */
export const clientListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  organization: uuidField().optional().catch(undefined),
  status: recordStatusFilter,
  source: z.enum(recordSource.enumValues).optional().catch(undefined),
  external: z.enum(["yes", "no"]).optional().catch(undefined),
  sort: z.enum(["name", "updated"]).catch("name").default("name"),
  dir: sortDirectionField,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type ClientListQuery = z.infer<typeof clientListQuery>;

/** Names A→Z, the latest update first. */
export const clientSortDefaults = { name: "asc", updated: "desc" } as const;

export function parseClientListQuery(searchParams: Record<string, string | string[] | undefined>) {
  return clientListQuery.parse(firstValues(searchParams));
}
