import type { Client, Device, TypedByHand } from "@/db/schema";
import type { GraphDeviceChange, GraphUserChange } from "@/lib/azure";
import { deviceFields, userFields, writtenColumns, type SyncedFields, type WrittenColumn } from "@/lib/synced-fields";

// The columns a sync writes: exactly the fields Entra provides, as lib/synced-fields declares them. Columns
// only Vertask keeps are never here.

export type ClientFields = Pick<Client, WrittenColumn<typeof userFields>>;
export type DeviceFields = Pick<Device, WrittenColumn<typeof deviceFields>>;

/** What a sync writes and compares for each kind. */
export const clientColumns = writtenColumns(userFields);
export const deviceColumns = writtenColumns(deviceFields);

/**
 * The row fields a Graph object (or a delta change) gives. A delta change names at least what changed; what
 * it leaves out keeps the value Vertask has. Null when the object has no name (only other properties changed
 * for an object Vertask has not synced).
 */
function fieldsFrom<Row extends { displayName: string }>(
  declaration: SyncedFields<Row>,
  change: Record<string, unknown>,
  kept?: Partial<Row>,
) {
  const row: Record<string, unknown> = {};
  for (const [property, { column, toColumn, whenEmpty }] of Object.entries(declaration.graph)) {
    if (!column) continue;
    const changed = change[property];
    const value =
      changed === undefined
        ? (kept?.[column] ?? null)
        : changed === null || !toColumn
          ? changed
          : toColumn(changed as never);
    row[column] = value ?? whenEmpty ?? null;
  }
  const name = declaration.name(row as Partial<Row>);
  if (!name) return null;
  row.displayName = name;
  for (const [column, compute] of Object.entries(declaration.computed) as [string, (row: Partial<Row>) => unknown][]) {
    row[column] = compute(row as Partial<Row>);
  }
  return row;
}

export function clientFieldsFrom(change: GraphUserChange, kept?: Partial<ClientFields>) {
  return fieldsFrom<Client>(userFields, change, kept) as ClientFields | null;
}

/**
 * A client's fields with what was typed by hand before a sync took it over, wherever Entra has nothing: Entra's
 * value wins whenever it has one, and an empty one never erases what a person typed.
 */
export function withTypedByHand(
  fields: ClientFields | null,
  typed: TypedByHand | null | undefined,
): ClientFields | null {
  if (!fields || !typed) return fields;
  const filled = { ...fields };
  for (const [column, value] of Object.entries(typed) as [keyof TypedByHand, string][]) {
    if (!filled[column]) filled[column] = value;
  }
  return filled;
}

export function deviceFieldsFrom(change: GraphDeviceChange, kept?: Partial<DeviceFields>) {
  return fieldsFrom<Device>(deviceFields, change, kept) as DeviceFields | null;
}

/** Whether a write would change anything the list shows. */
export function sameFields<F extends object>(a: F, b: Partial<F>) {
  return (Object.keys(a) as (keyof F)[]).every((key) => {
    const left = a[key];
    const right = b[key];
    if (left instanceof Date || right instanceof Date)
      return (left as Date | null)?.getTime?.() === (right as Date | null)?.getTime?.();
    return JSON.stringify(left ?? null) === JSON.stringify(right ?? null);
  });
}
