import { z } from "zod";
import { isUuid } from "@/db/is-uuid";
import { pageSize } from "./search-pattern";

/**
 * The rows ticked in a list (`id`, once per ticked checkbox): every one an id, at most a page of them.
 * A form posts a lone value as a string, several as an array.
 */
export const selectedIdsField = z.preprocess(
  (value) => (value === undefined ? [] : [value].flat()),
  z
    .array(z.string().refine(isUuid, "The selection holds something that is not a row of this list."))
    .max(pageSize, `Tick at most ${pageSize} rows at once.`),
);

/** The ticked ids of a posted form, or null when there are none or they are not ids. */
export function selectedIds(formData: FormData): string[] | null {
  const parsed = selectedIdsField.safeParse(formData.getAll("id"));
  return parsed.success && parsed.data.length > 0 ? parsed.data : null;
}
