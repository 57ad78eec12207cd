// The OData query options Graph's directory endpoints take, with Graph's answers to bad ones.
import { DEFAULT_USER_PROPERTIES } from "./graph-properties";
import type { ObjectKind } from "./ids";

export class ODataError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The OData type a $select is checked against; a listing of members mixes users and groups. */
export type SelectTarget = ObjectKind | "directoryObject" | "managedDevice";

const TYPE_NAME: Record<SelectTarget, string> = {
  user: "microsoft.graph.user",
  device: "microsoft.graph.device",
  group: "microsoft.graph.group",
  directoryObject: "microsoft.graph.directoryObject",
  managedDevice: "microsoft.graph.managedDevice",
};

export function parseSelect(
  kind: SelectTarget,
  value: string | null,
  known: readonly string[],
  defaults: readonly string[],
) {
  if (!value) return [...defaults];
  const names = value
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!known.includes(name))
      throw new ODataError(
        "Request_BadRequest",
        `Could not find a property named '${name}' on type '${TYPE_NAME[kind]}'.`,
      );
  }
  return names.includes("id") ? names : ["id", ...names];
}

export function parseTop(value: string | null, fallback: number) {
  if (value === null) return fallback;
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > 999) {
    throw new ODataError(
      "Request_BadRequest",
      `Invalid page size specified: '${value}'. Must be between 1 and 999 inclusive.`,
    );
  }
  return top;
}

export function project<T extends object>(value: T, properties: readonly string[]) {
  const record = value as Record<string, unknown>;
  return Object.fromEntries(properties.map((name) => [name, record[name] ?? null]));
}

export type Predicate = (value: Record<string, unknown>) => boolean;

function literal(text: string, property: string): unknown {
  if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
  if (text === "true" || text === "false") return text === "true";
  if (text === "null") return null;
  throw new ODataError(
    "Request_UnsupportedQuery",
    `Unsupported or invalid query filter clause specified for property '${property}'.`,
  );
}

const sameValue = (a: unknown, b: unknown) =>
  typeof a === "string" && typeof b === "string" ? a.toLowerCase() === b.toLowerCase() : (a ?? null) === b;

function clause(text: string, known: readonly string[]): Predicate {
  const checkProperty = (property: string) => {
    if (!known.includes(property))
      throw new ODataError("Request_BadRequest", `Could not find a property named '${property}'.`);
  };
  let match = /^(\w+)\s+eq\s+(.+)$/i.exec(text);
  if (match) {
    const [, property, raw] = match;
    checkProperty(property);
    const expected = literal(raw.trim(), property);
    return (value) => sameValue(value[property], expected);
  }
  match = /^startswith\(\s*(\w+)\s*,\s*('(?:[^']|'')*')\s*\)$/i.exec(text);
  if (match) {
    const [, property, raw] = match;
    checkProperty(property);
    const prefix = String(literal(raw, property)).toLowerCase();
    return (value) =>
      typeof value[property] === "string" && (value[property] as string).toLowerCase().startsWith(prefix);
  }
  match = /^(\w+)\s+in\s+\((.*)\)$/i.exec(text);
  if (match) {
    const [, property, list] = match;
    checkProperty(property);
    const options = (list.match(/'(?:[^']|'')*'/g) ?? []).map((item) => literal(item, property));
    // Graph's documented limit for `in` without advanced query parameters.
    if (options.length > 15)
      throw new ODataError("Request_UnsupportedQuery", "The 'in' operator is limited to 15 values.");
    return (value) => options.some((option) => sameValue(value[property], option));
  }
  throw new ODataError("Request_UnsupportedQuery", `Unsupported Query.`);
}

/** Clauses split as [clause, "and" | "or", clause, …], evaluated left to right (no parentheses). */
export function joinClauses(parts: string[], clauseOf: (text: string) => Predicate): Predicate {
  let predicate = clauseOf(parts[0].trim());
  for (let i = 1; i < parts.length; i += 2) {
    const next = clauseOf(parts[i + 1].trim());
    const previous = predicate;
    predicate = parts[i].toLowerCase() === "and" ? (v) => previous(v) && next(v) : (v) => previous(v) || next(v);
  }
  return predicate;
}

/** `eq`, `startswith(…)` and `in (…)` clauses joined by `and` or `or`. */
export function parseFilter(value: string | null, known: readonly string[]): Predicate {
  if (!value) return () => true;
  return joinClauses(value.split(/\s+(and|or)\s+(?=(?:[^']*'[^']*')*[^']*$)/i), (text) => clause(text, known));
}

/** Devices accept `$expand=registeredOwners` (optionally with a nested `$select`); nothing else here. */
export function parseOwnersExpand(value: string | null): { expand: boolean; ownerProperties: string[] } {
  if (!value) return { expand: false, ownerProperties: [] };
  const match = /^registeredOwners(?:\(\$select=([\w,]+)\))?$/.exec(value.trim());
  if (!match) {
    throw new ODataError(
      "Request_BadRequest",
      `Could not find a navigation property named '${value}' on type 'microsoft.graph.device'.`,
    );
  }
  return { expand: true, ownerProperties: match[1] ? match[1].split(",") : DEFAULT_USER_PROPERTIES };
}
