// Deterministic randomness and object ids. An object id encodes its kind and index, so the fake can find
// a generated object from its id without keeping a map of 100,000 entries.

export type ObjectKind = "user" | "device" | "group";

const KIND_DIGIT: Record<ObjectKind, string> = { user: "a", device: "d", group: "b" };
const MAX_INDEX = 0xfffffffffff; // 11 hex digits

/** FNV-1a: a stable 32-bit hash of a string. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A 32-bit mix of two numbers (the finaliser of MurmurHash3). */
export function mix(a: number, b: number): number {
  let h = (a ^ Math.imul(b + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: a small, fast generator of numbers in [0, 1). */
export function randomSequence(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (value: number, digits: number) => (value >>> 0).toString(16).padStart(8, "0").slice(-digits);

/** A GUID that looks random but is fixed by (tenant, tag, index). */
export function deterministicGuid(tenantHash: number, tag: string, index: number) {
  const a = mix(tenantHash ^ hashText(tag), index);
  const b = mix(a, 1);
  const c = mix(a, 2);
  const d = mix(a, 3);
  return `${hex(a, 8)}-${hex(b, 4)}-4${hex(b >>> 16, 3)}-${"89ab"[c & 3]}${hex(c >>> 8, 3)}-${hex(d, 8)}${hex(c >>> 20, 4)}`;
}

export function objectId(tenantHash: number, kind: ObjectKind, index: number) {
  const random = deterministicGuid(tenantHash, kind, index);
  return `${random.slice(0, 23)}-${KIND_DIGIT[kind]}${index.toString(16).padStart(11, "0")}`;
}

/** The index an object id stands for, or null when it is not one of this tenant's ids of that kind. */
export function indexOfObjectId(tenantHash: number, kind: ObjectKind, id: string): number | null {
  const match = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-([0-9a-f])([0-9a-f]{11})$/.exec(id.toLowerCase());
  if (!match || match[1] !== KIND_DIGIT[kind]) return null;
  const index = parseInt(match[2], 16);
  if (index > MAX_INDEX || objectId(tenantHash, kind, index) !== id.toLowerCase()) return null;
  return index;
}
