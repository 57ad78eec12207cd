import { z } from "zod";

export type SortDirection = "asc" | "desc";

/** A list's `?dir=`: absent or unrecognised means the column's own direction (names A→Z, times newest first). */
export const sortDirectionField = z.enum(["asc", "desc"]).optional().catch(undefined);

/** The direction a list is sorted in: the one asked for, else the column's own. */
export function directionOf<S extends string>(
  sort: S,
  dir: SortDirection | undefined,
  defaults: Record<S, SortDirection>,
): SortDirection {
  return dir ?? defaults[sort];
}
