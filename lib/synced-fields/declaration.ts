import type { z } from "zod";

/**
 * How one kind of Entra object (users, devices) is synced, declared once: each Graph property Vertask asks
 * for, its type in a Graph payload, and the column it is written to. The Graph `$select` list and the zod
 * shapes (lib/azure/graph-shapes.ts), the written columns and the compared fields (lib/sync) derive from it.
 *
 * Every written column is also compared to decide "updated": a delta change is merged with the values
 * Vertask has (what it leaves out is kept), so each written column is read back anyway.
 */
export type SyncedFields<Row> = {
  /** Keyed by Graph property name, in the order Graph is asked for them. */
  graph: Record<string, GraphAttribute<Row>>;
  /** Columns worked out from the other written values rather than read from one Graph property. */
  computed: { [C in keyof Row]?: (row: Partial<Row>) => Row[C] };
  /** The name a row is shown by; an object without one is not written (see lib/sync/record-fields.ts). */
  name: (row: Partial<Row>) => string | null | undefined;
};

/** A Graph property: written to `column` (as it is, or through `toColumn`), or only listed when no column. */
type GraphAttribute<Row> = {
  type: z.ZodType;
  column?: keyof Row & string;
  /** How a Graph value (never null here) becomes the column value; as it is when absent. */
  toColumn?: (value: never) => unknown;
  /** The column's value when Entra sends none (null) and Vertask keeps none. */
  whenEmpty?: unknown;
};

/** The helpers a declaration is written with, typed by the table's row (`typeof table.$inferSelect`). */
export function syncedFieldsOf<Row>() {
  return {
    /** A Graph property written as it is to a column of the same type. */
    stored<C extends keyof Row & string, T extends z.ZodType<NonNullable<Row[C]>>>(
      type: T,
      column: C,
      options: { whenEmpty?: Row[C] } = {},
    ) {
      return { type, column, ...options };
    },
    /** A Graph property whose value is converted before it is written. */
    converted<C extends keyof Row & string, T extends z.ZodType>(
      type: T,
      column: C,
      toColumn: (value: z.output<T>) => NonNullable<Row[C]>,
    ) {
      return { type, column, toColumn };
    },
    /** A Graph property listed (and checked) but not stored. */
    listedOnly<T extends z.ZodType>(type: T) {
      return { type };
    },
    declare<D extends SyncedFields<Row>>(declaration: D) {
      return declaration;
    },
  };
}

// The derivations below read any kind's declaration, whatever its row.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- unknown would not accept every row type (a declaration reads its row's fields)
type AnySyncedFields = SyncedFields<any>;

/** The columns a declaration writes: its stored properties' columns, then its computed ones. */
export type WrittenColumn<D extends AnySyncedFields> =
  | { [P in keyof D["graph"]]: D["graph"][P] extends { column: infer C extends string } ? C : never }[keyof D["graph"]]
  | (keyof D["computed"] & string);

/** The zod type of each Graph property a declaration lists. */
export type GraphTypes<D extends AnySyncedFields> = { [P in keyof D["graph"]]: D["graph"][P]["type"] };

/** Every Graph property a declaration lists, in its order (the `$select` list, with the object's id). */
export function graphProperties<D extends AnySyncedFields>(declaration: D) {
  return Object.keys(declaration.graph) as (keyof D["graph"] & string)[];
}

export function graphTypes<D extends AnySyncedFields>(declaration: D): GraphTypes<D> {
  return Object.fromEntries(
    Object.entries(declaration.graph).map(([property, attribute]) => [property, attribute.type]),
  ) as GraphTypes<D>;
}

/** The columns a sync writes for this kind, which are also the fields it compares. */
export function writtenColumns<D extends AnySyncedFields>(declaration: D) {
  const stored = Object.values(declaration.graph).flatMap((attribute) => (attribute.column ? [attribute.column] : []));
  return [...stored, ...Object.keys(declaration.computed)] as WrittenColumn<D>[];
}
