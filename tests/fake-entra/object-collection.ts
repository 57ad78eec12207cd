// Users or devices of one fake tenant: generated objects, plus the few that tests touched. Every change
// gets a sequence number from the tenant's clock; delta queries ask for the changes between two numbers.
import { indexOfObjectId, objectId, type ObjectKind } from "./ids";

export type ObjectState = "active" | "soft-deleted" | "hard-deleted";

type Touched<T> = {
  value: T;
  state: ObjectState;
  changedAt: number;
  /** When the object (re)appeared whole: created or restored. A delta since before then sends every property. */
  wholeSince: number;
  propertyChangedAt: Map<string, number>;
};

export type StoredObject<T> = { index: number; value: T; state: ObjectState };

export type ChangedObject<T> = StoredObject<T> & {
  changedAt: number;
  wholeSince: number;
  propertyChangedAt: Map<string, number>;
};

export type SequenceClock = { tick(): number; current(): number };

export class ObjectCollection<T extends { id: string }> {
  private readonly touched = new Map<number, Touched<T>>();
  private nextIndex: number;

  constructor(
    private readonly kind: ObjectKind,
    private readonly tenantHash: number,
    private readonly generatedCount: number,
    private readonly generate: (index: number) => T,
    private readonly clock: SequenceClock,
    /** Told of every change, after it is made (the tenant's change notifications). */
    private readonly onChange: (id: string, state: ObjectState) => void = () => {},
  ) {
    this.nextIndex = generatedCount;
  }

  /** One past the highest index ever used: listings walk 0..end. */
  get end() {
    return this.nextIndex;
  }

  indexOf(id: string): number | null {
    const index = indexOfObjectId(this.tenantHash, this.kind, id);
    return index !== null && index < this.nextIndex ? index : null;
  }

  at(index: number): StoredObject<T> {
    const touched = this.touched.get(index);
    if (touched) return { index, value: touched.value, state: touched.state };
    return { index, value: this.generate(index), state: "active" };
  }

  find(id: string): StoredObject<T> | null {
    const index = this.indexOf(id);
    return index === null ? null : this.at(index);
  }

  add(properties: Omit<T, "id">): T {
    const index = this.nextIndex++;
    const value = { ...properties, id: objectId(this.tenantHash, this.kind, index) } as T;
    const now = this.clock.tick();
    this.touched.set(index, { value, state: "active", changedAt: now, wholeSince: now, propertyChangedAt: new Map() });
    this.onChange(value.id, "active");
    return value;
  }

  update(id: string, changes: Partial<Omit<T, "id">>): T {
    const record = this.touch(this.requireIndex(id));
    if (record.state !== "active") throw new Error(`${this.kind} ${id} is deleted; restore it first`);
    const now = this.clock.tick();
    for (const [name, value] of Object.entries(changes)) {
      if (JSON.stringify((record.value as Record<string, unknown>)[name]) === JSON.stringify(value)) continue;
      (record.value as Record<string, unknown>)[name] = value;
      record.propertyChangedAt.set(name, now);
    }
    record.changedAt = now;
    this.onChange(id, record.state);
    return record.value;
  }

  setState(id: string, state: ObjectState) {
    const record = this.touch(this.requireIndex(id));
    if (record.state === "hard-deleted") throw new Error(`${this.kind} ${id} was permanently deleted`);
    if (state === "active" && record.state !== "soft-deleted")
      throw new Error(`${this.kind} ${id} is not in the deleted items`);
    const now = this.clock.tick();
    record.state = state;
    record.changedAt = now;
    if (state === "active") record.wholeSince = now;
    this.onChange(id, state);
  }

  /** Touched objects changed in (since, upTo], ordered by (change, index), after a cursor, at most `limit`. */
  changesBetween(since: number, upTo: number, after: [number, number] | null, limit: number): ChangedObject<T>[] {
    const changed: ChangedObject<T>[] = [];
    for (const [index, record] of this.touched) {
      if (record.changedAt <= since || record.changedAt > upTo) continue;
      if (after && (record.changedAt < after[0] || (record.changedAt === after[0] && index <= after[1]))) continue;
      changed.push({ index, ...record });
    }
    changed.sort((a, b) => a.changedAt - b.changedAt || a.index - b.index);
    return changed.slice(0, limit);
  }

  private requireIndex(id: string) {
    const index = this.indexOf(id);
    if (index === null) throw new Error(`No ${this.kind} with id ${id}`);
    return index;
  }

  private touch(index: number): Touched<T> {
    let record = this.touched.get(index);
    if (!record) {
      record = {
        value: this.generate(index),
        state: "active",
        changedAt: 0,
        wholeSince: 0,
        propertyChangedAt: new Map(),
      };
      this.touched.set(index, record);
    }
    return record;
  }
}
