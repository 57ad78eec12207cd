// Microsoft Graph v1.0 for users and devices: token validation, permissions, routing, Graph's errors.
import type { AccessTokenSigner } from "./access-tokens";
import type { FakeTenant } from "./fake-tenant";
import { deltaPage, listingPage, ownerReferences, propertiesOf, type CollectionContext } from "./graph-collections";
import type { ObjectKind } from "./ids";
import { DEFAULT_USER_PROPERTIES, ODataError, parseSelect, project } from "./odata-query";
import { isGraphResource } from "./graph-resource";
import { graphError, json, type FakeResponse } from "./responses";

export type GraphContext = CollectionContext & {
  findTenant: (key: string) => FakeTenant | null;
  signer: AccessTokenSigner;
};

// Any of these application permissions lets an app read the kind of object.
const READ_ROLES: Record<ObjectKind, string[]> = {
  user: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  device: ["Device.Read.All", "Device.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
};

type Caller = { tenant: FakeTenant; roles: string[]; clientRequestId?: string };

function authenticate(context: GraphContext, authorization: string | undefined, clientRequestId?: string): Caller | FakeResponse {
  const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) return graphError(401, "InvalidAuthenticationToken", "Access token is empty.", clientRequestId);
  const validation = context.signer.validate(token);
  if ("problem" in validation) return graphError(401, "InvalidAuthenticationToken", validation.problem, clientRequestId);
  const { claims } = validation;
  if (!isGraphResource(claims.aud, context.baseUrl)) {
    return graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.", clientRequestId);
  }
  const tenant = context.findTenant(claims.tid);
  if (!tenant) return graphError(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid tenant.", clientRequestId);
  return { tenant, roles: claims.roles ?? [], clientRequestId };
}

function notFound(id: string, clientRequestId?: string) {
  return graphError(404, "Request_ResourceNotFound", `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`, clientRequestId);
}

function singleObject(caller: Caller, kind: ObjectKind, id: string, query: URLSearchParams): FakeResponse {
  const collection = kind === "user" ? caller.tenant.users : caller.tenant.devices;
  const stored = collection.find(id);
  if (!stored || stored.state !== "active") return notFound(id, caller.clientRequestId);
  const select = parseSelect(kind, query.get("$select"), propertiesOf(kind), kind === "user" ? DEFAULT_USER_PROPERTIES : propertiesOf(kind));
  return json(200, project(stored.value, select));
}

function registeredOwners(caller: Caller, deviceId: string, query: URLSearchParams): FakeResponse {
  const stored = caller.tenant.devices.find(deviceId);
  if (!stored || stored.state !== "active") return notFound(deviceId, caller.clientRequestId);
  const select = parseSelect("user", query.get("$select"), propertiesOf("user"), DEFAULT_USER_PROPERTIES);
  return json(200, { "@odata.context": "$metadata#directoryObjects", value: ownerReferences(caller.tenant, stored.index, select) });
}

function route(context: GraphContext, caller: Caller, segments: string[], query: URLSearchParams): FakeResponse {
  const [collection, idOrDelta, relation, ...rest] = segments;
  const kind: ObjectKind | null = collection === "users" ? "user" : collection === "devices" ? "device" : null;
  if (!kind || rest.length || (relation && (kind !== "device" || relation !== "registeredOwners"))) {
    return graphError(400, "BadRequest", `Resource not found for the segment '${segments.find((s, i) => i > 0 && s) ?? collection}'.`, caller.clientRequestId);
  }
  if (!READ_ROLES[kind].some((role) => caller.roles.includes(role))) {
    return graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.", caller.clientRequestId);
  }
  if (!idOrDelta) return listingPage(context, caller.tenant, kind, query);
  if (idOrDelta === "delta" && !relation) return deltaPage(context, caller.tenant, kind, query);
  if (relation) return registeredOwners(caller, idOrDelta, query);
  return singleObject(caller, kind, idOrDelta, query);
}

export function handleGraphRequest(
  context: GraphContext,
  method: string,
  url: URL,
  headers: { authorization?: string; clientRequestId?: string },
): FakeResponse {
  if (method !== "GET") return graphError(405, "Request_BadRequest", `The HTTP method '${method}' is not supported here.`, headers.clientRequestId);
  const caller = authenticate(context, headers.authorization, headers.clientRequestId);
  if ("status" in caller) return caller;
  const segments = url.pathname.replace(/^\/v1\.0\/?/, "").split("/").map(decodeURIComponent);
  try {
    return route(context, caller, segments, url.searchParams);
  } catch (error) {
    if (error instanceof ODataError) return graphError(400, error.code, error.message, headers.clientRequestId);
    throw error;
  }
}
