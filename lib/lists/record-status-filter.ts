import { ne, eq, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";
import { recordStatus } from "@/db/schema";

/**
 * A list's `?status=`: one status, or `any` for every record, removed ones too. Absent, removed records are left
 * out: they are gone from Entra, and a help desk looks for the people and devices it still serves.
 */
export const recordStatusFilter = z
  .enum([...recordStatus.enumValues, "any"])
  .optional()
  .catch(undefined);

export type RecordStatusFilter = z.infer<typeof recordStatusFilter>;

export function matchesStatusFilter(status: AnyColumn, filter: RecordStatusFilter): SQL | undefined {
  if (filter === "any") return undefined;
  return filter ? eq(status, filter) : ne(status, "removed");
}

/** The rows a list's default view leaves out (removed records), when no filter is chosen (filtersOf); else null. */
export function leftOutOfDefaultView(status: AnyColumn, filters: Record<string, unknown>): SQL | null {
  return Object.keys(filters).length === 0 ? eq(status, "removed") : null;
}
