// Opaque tokens in Graph's links: where a listing or a delta round goes on. Base64url JSON, so they
// survive any client that rebuilds the URL.

/** `$skiptoken` of a listing: the next position to scan. */
export type ListingCursor = { position: number };

/** `$skiptoken` of a group's members: groups first, then users, each by position. */
export type MemberCursor = { among: "groups" | "users"; position: number };

/**
 * `$skiptoken` inside a delta round. A first round walks every object by position; a later round walks the
 * objects changed after `since` (up to the sequence `upTo` the round started at), ordered by change.
 */
export type DeltaCursor =
  | { round: "initial"; position: number; upTo: number; select: string[]; epoch: number }
  | { round: "changes"; since: number; upTo: number; after: [number, number] | null; select: string[]; epoch: number };

/** `$deltatoken`: the sequence the last round saw, and the `$select` baked into the token. */
export type DeltaToken = { since: number; select: string[]; epoch: number };

export function encodeToken(value: ListingCursor | MemberCursor | DeltaCursor | DeltaToken) {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeToken<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null ? (value as T) : null;
  } catch {
    return null;
  }
}

/** A link with `$name=value` options, `$` kept as Graph writes it, values percent-encoded. */
export function linkWith(baseUrl: string, path: string, options: Record<string, string | null | undefined>) {
  const query = Object.entries(options)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([name, value]) => `${name}=${encodeURIComponent(value as string)}`)
    .join("&");
  return `${baseUrl}/v1.0/${path}${query ? `?${query}` : ""}`;
}

/** The query options a next page keeps from the request that led to it. */
export const optionsToCarry = (query: URLSearchParams) => ({
  $select: query.get("$select"),
  $top: query.get("$top"),
  $filter: query.get("$filter"),
  $search: query.get("$search"),
  $count: query.get("$count"),
});
