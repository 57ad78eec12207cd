// Listing pages for users, devices and groups, and delta pages for users and devices, generated as they are asked for.
import { parseSearch, wantsCount } from "./advanced-query";
import type { FakeTenant } from "./fake-tenant";
import { defaultsOf, propertiesOf, searchableOf } from "./graph-properties";
import type { ObjectKind } from "./ids";
import type { ObjectCollection } from "./object-collection";
import {
  ODataError,
  parseFilter,
  parseOwnersExpand,
  parseSelect,
  parseTop,
  project,
  type Predicate,
} from "./odata-query";
import {
  decodeToken,
  encodeToken,
  linkWith,
  optionsToCarry,
  type DeltaCursor,
  type DeltaToken,
  type ListingCursor,
} from "./page-tokens";
import { graphError, json, type FakeResponse } from "./responses";

export type CollectionContext = {
  baseUrl: string;
  deltaPageSize: number;
  listingPageSize: number;
  /** Delta sends only the properties that changed (the documented minimum) rather than every selected one. */
  deltaSendsChangedPropertiesOnly: boolean;
};

export const collectionOf = (tenant: FakeTenant, kind: ObjectKind) =>
  ({ user: tenant.users, device: tenant.devices, group: tenant.groups })[kind] as ObjectCollection<{ id: string }>;
export const contextLink = (context: CollectionContext, path: string, select: string[]) =>
  `${context.baseUrl}/v1.0/$metadata#${path}(${select.join(",")})`;

export function ownerReferences(tenant: FakeTenant, deviceIndex: number, properties: string[]) {
  return tenant.ownerIdsOf(deviceIndex).map((id) => ({
    "@odata.type": "#microsoft.graph.user",
    ...project(tenant.users.find(id)!.value, properties),
  }));
}

function countActive(collection: ObjectCollection<{ id: string }>, matches: Predicate) {
  let count = 0;
  for (let position = 0; position < collection.end; position++) {
    const stored = collection.at(position);
    if (stored.state === "active" && matches(stored.value)) count++;
  }
  return count;
}

/** The ids a filter names when it is only `id eq '…'` or `id in ('…', …)`; null for any other filter. */
function idsNamedBy(filter: string | null) {
  const match = filter ? /^\s*id\s+(?:eq\s+('[^']*')|in\s+\(((?:\s*'[^']*'\s*,?)*)\))\s*$/i.exec(filter) : null;
  if (!match) return null;
  return (match[1] ?? match[2]).match(/'[^']*'/g)?.map((quoted) => quoted.slice(1, -1)) ?? [];
}

/**
 * The positions a listing tests from `from` on, in order: those of the named ids only (Graph looks objects up by
 * id; walking a 50,000-device tenant for each `id in (…)` would not be Graph's speed), else every one.
 */
function* positionsToTest(collection: ObjectCollection<{ id: string }>, filter: string | null, from: number) {
  const ids = idsNamedBy(filter);
  if (!ids) {
    for (let position = from; position < collection.end; position++) yield position;
    return;
  }
  const positions = ids
    .map((id) => collection.indexOf(id))
    .filter((index): index is number => index !== null && index >= from);
  yield* [...new Set(positions)].sort((a, b) => a - b);
}

/** A page of a plain listing; `eventual` is whether the request said `ConsistencyLevel: eventual`. */
export function listingPage(
  context: CollectionContext,
  tenant: FakeTenant,
  kind: ObjectKind,
  query: URLSearchParams,
  eventual = false,
): FakeResponse {
  const select = parseSelect(kind, query.get("$select"), propertiesOf(kind), defaultsOf(kind));
  const top = parseTop(query.get("$top"), 100);
  const filter = parseFilter(query.get("$filter"), propertiesOf(kind));
  const search = parseSearch(query.get("$search"), eventual, searchableOf(kind));
  const matches: Predicate = (value) => filter(value) && search(value);
  const expand = kind === "device" ? parseOwnersExpand(query.get("$expand")) : parseOwnersExpand(null);
  if (kind !== "device" && query.get("$expand"))
    throw new ODataError("Request_BadRequest", "Expanding this property is not supported here.");
  const collection = collectionOf(tenant, kind);
  // A documented Graph limitation: with $expand, a page of directory objects holds at most 100 items.
  const pageSize = Math.min(expand.expand ? Math.min(top, 100) : top, context.listingPageSize);
  const from = decodeToken<ListingCursor>(query.get("$skiptoken"))?.position ?? 0;
  const value: Record<string, unknown>[] = [];
  let position = from;
  let more = false;
  for (const candidate of positionsToTest(collection, query.get("$filter"), from)) {
    if (value.length === pageSize) {
      more = true;
      break;
    }
    position = candidate + 1;
    const stored = collection.at(candidate);
    if (stored.state !== "active" || !matches(stored.value)) continue;
    const item = project(stored.value, select);
    if (expand.expand) item.registeredOwners = ownerReferences(tenant, stored.index, expand.ownerProperties);
    value.push(item);
  }
  const path = `${kind}s`;
  const nextLink = more
    ? linkWith(context.baseUrl, path, {
        ...optionsToCarry(query),
        $expand: query.get("$expand"),
        $skiptoken: encodeToken({ position }),
      })
    : undefined;
  const count = wantsCount(query, eventual) ? { "@odata.count": countActive(collection, matches) } : {};
  return json(200, {
    "@odata.context": contextLink(context, path, select),
    ...count,
    ...(nextLink ? { "@odata.nextLink": nextLink } : {}),
    value,
  });
}

function expiredDeltaToken(context: CollectionContext, tenant: FakeTenant, kind: ObjectKind): FakeResponse {
  if (tenant.expiredDeltaAnswer === 410) {
    return graphError(
      410,
      "resyncRequired",
      "Resync required. Replace any local items with the server's version (including deletes).",
      undefined,
      {
        Location: `${context.baseUrl}/v1.0/${kind}s/delta`,
      },
    );
  }
  return graphError(
    400,
    "syncStateNotFound",
    "The sync state generation is not found or has expired. Start a new round of delta queries.",
  );
}

function startingCursor(
  tenant: FakeTenant,
  kind: ObjectKind,
  query: URLSearchParams,
): DeltaCursor | "expired" | "invalid" {
  const deltaToken = query.get("$deltatoken");
  const skipToken = query.get("$skiptoken");
  // "Sync from now" (documented for Entra ID resources such as users and groups): no objects, a delta link from here.
  if (deltaToken === "latest") {
    if (kind === "device" && !tenant.devicesSyncFromNow)
      throw new ODataError("Request_BadRequest", "$deltatoken=latest is not supported for devices.");
    const select = parseSelect(kind, query.get("$select"), propertiesOf(kind), defaultsOf(kind));
    return {
      round: "changes",
      since: tenant.currentSequence,
      upTo: tenant.currentSequence,
      after: null,
      select,
      epoch: tenant.deltaEpoch,
    };
  }
  if (deltaToken !== null) {
    const token = decodeToken<DeltaToken>(deltaToken);
    if (!token || typeof token.since !== "number") return "invalid";
    if (token.epoch !== tenant.deltaEpoch) return "expired";
    return {
      round: "changes",
      since: token.since,
      upTo: tenant.currentSequence,
      after: null,
      select: token.select,
      epoch: token.epoch,
    };
  }
  if (skipToken !== null) {
    const cursor = decodeToken<DeltaCursor>(skipToken);
    if (!cursor || !cursor.round) return "invalid";
    return cursor.epoch === tenant.deltaEpoch ? cursor : "expired";
  }
  const select = parseSelect(kind, query.get("$select"), propertiesOf(kind), defaultsOf(kind));
  return { round: "initial", position: 0, upTo: tenant.currentSequence, select, epoch: tenant.deltaEpoch };
}

export function deltaPage(
  context: CollectionContext,
  tenant: FakeTenant,
  kind: ObjectKind,
  query: URLSearchParams,
): FakeResponse {
  const cursor = startingCursor(tenant, kind, query);
  if (cursor === "expired") return expiredDeltaToken(context, tenant, kind);
  if (cursor === "invalid") throw new ODataError("Request_BadRequest", "Invalid delta or skip token.");
  const collection = collectionOf(tenant, kind);
  const path = `${kind}s/delta`;
  const value: Record<string, unknown>[] = [];
  let next: DeltaCursor | null = null;
  if (cursor.round === "initial") {
    let position = cursor.position;
    while (position < collection.end && value.length < context.deltaPageSize) {
      const stored = collection.at(position++);
      if (stored.state === "active") value.push(project(stored.value, cursor.select));
    }
    if (position < collection.end) next = { ...cursor, position };
  } else {
    const changed = collection.changesBetween(cursor.since, cursor.upTo, cursor.after, context.deltaPageSize + 1);
    for (const object of changed.slice(0, context.deltaPageSize)) {
      if (object.state !== "active") {
        value.push({
          id: object.value.id,
          "@removed": { reason: object.state === "hard-deleted" ? "deleted" : "changed" },
        });
        continue;
      }
      const whole = !context.deltaSendsChangedPropertiesOnly || object.wholeSince > cursor.since;
      const properties = whole
        ? cursor.select
        : cursor.select.filter((name) => name === "id" || (object.propertyChangedAt.get(name) ?? 0) > cursor.since);
      if (properties.length > 1 || whole) value.push(project(object.value, properties));
    }
    const last = changed[context.deltaPageSize - 1];
    if (changed.length > context.deltaPageSize) next = { ...cursor, after: [last.changedAt, last.index] };
  }
  const links = next
    ? { "@odata.nextLink": linkWith(context.baseUrl, path, { $skiptoken: encodeToken(next) }) }
    : {
        "@odata.deltaLink": linkWith(context.baseUrl, path, {
          $deltatoken: encodeToken({ since: cursor.upTo, select: cursor.select, epoch: cursor.epoch }),
        }),
      };
  return json(200, { "@odata.context": contextLink(context, `${kind}s`, cursor.select), ...links, value });
}
