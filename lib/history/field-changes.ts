import type { FieldChange } from "@/db/schema";

/** How a field's value is kept in an event: as text, a date as its ISO time, a list joined. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.length ? value.join(", ") : null;
  return String(value);
}

/** The fields whose value differs between what a record had and what it gets, in the order given. */
export function fieldChanges<F extends object>(before: Partial<F>, after: F, fields: (keyof F & string)[]) {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const from = asText(before[field]);
    const to = asText(after[field]);
    if (from !== to) changes.push({ field, from, to });
  }
  return changes;
}
