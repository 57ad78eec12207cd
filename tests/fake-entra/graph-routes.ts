// Microsoft Graph v1.0 for users, devices and groups: token validation, permissions, routing, Graph's errors.
import type { AccessTokenSigner } from "./access-tokens";
import { isEventual } from "./advanced-query";
import type { FakeTenant } from "./fake-tenant";
import { collectionOf, deltaPage, listingPage, ownerReferences, type CollectionContext } from "./graph-collections";
import { defaultsOf, propertiesOf } from "./graph-properties";
import { castOf, membersPage } from "./group-members";
import type { ObjectKind } from "./ids";
import { ODataError, parseSelect, project } from "./odata-query";
import { isGraphResource } from "./graph-resource";
import { intuneForbidden, managedDevicesPage, MANAGED_DEVICES_ROLES } from "./intune-routes";
import { graphError, json, type FakeResponse } from "./responses";

export type GraphContext = CollectionContext & {
  findTenant: (key: string) => FakeTenant | null;
  signer: AccessTokenSigner;
};

// Any of these application permissions lets an app read the kind of object.
export const READ_ROLES: Record<ObjectKind, string[]> = {
  user: ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  device: ["Device.Read.All", "Device.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"],
  group: [
    "GroupMember.Read.All",
    "GroupMember.ReadWrite.All",
    "Group.Read.All",
    "Group.ReadWrite.All",
    "Directory.Read.All",
    "Directory.ReadWrite.All",
  ],
};

const KIND_OF_COLLECTION = new Map<string, ObjectKind>([
  ["users", "user"],
  ["devices", "device"],
  ["groups", "group"],
]);
const RELATIONS: Record<ObjectKind, string[]> = {
  user: [],
  device: ["registeredOwners"],
  group: ["members", "transitiveMembers"],
};

export type Caller = { tenant: FakeTenant; roles: string[]; clientRequestId?: string };

export function authenticate(
  context: GraphContext,
  authorization: string | undefined,
  clientRequestId?: string,
): Caller | FakeResponse {
  const token = authorization?.match(/^Bearer\s+(.+)$/i)?.[1];
  if (!token) return graphError(401, "InvalidAuthenticationToken", "Access token is empty.", clientRequestId);
  const validation = context.signer.validate(token);
  if ("problem" in validation)
    return graphError(401, "InvalidAuthenticationToken", validation.problem, clientRequestId);
  const { claims } = validation;
  if (!isGraphResource(claims.aud, context.baseUrl)) {
    return graphError(
      401,
      "InvalidAuthenticationToken",
      "Access token validation failure. Invalid audience.",
      clientRequestId,
    );
  }
  const tenant = context.findTenant(claims.tid);
  if (!tenant)
    return graphError(
      401,
      "InvalidAuthenticationToken",
      "Access token validation failure. Invalid tenant.",
      clientRequestId,
    );
  return { tenant, roles: claims.roles ?? [], clientRequestId };
}

function notFound(id: string, clientRequestId?: string) {
  return graphError(
    404,
    "Request_ResourceNotFound",
    `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    clientRequestId,
  );
}

function registeredOwners(tenant: FakeTenant, deviceIndex: number, query: URLSearchParams): FakeResponse {
  const select = parseSelect("user", query.get("$select"), propertiesOf("user"), defaultsOf("user"));
  return json(200, {
    "@odata.context": "$metadata#directoryObjects",
    value: ownerReferences(tenant, deviceIndex, select),
  });
}

type Request = { segments: string[]; query: URLSearchParams; eventual: boolean };

// Graph "List organization" (learn.microsoft.com/graph/api/organization-list): the caller's own tenant, one item;
// application permission Organization.Read.All, or Organization.ReadWrite.All, Directory.Read.All, Directory.ReadWrite.All.
const ORGANIZATION_ROLES = [
  "Organization.Read.All",
  "Organization.ReadWrite.All",
  "Directory.Read.All",
  "Directory.ReadWrite.All",
];

function organizationList(caller: Caller, query: URLSearchParams): FakeResponse {
  if (!ORGANIZATION_ROLES.some((role) => caller.roles.includes(role))) {
    return graphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
      caller.clientRequestId,
    );
  }
  const { tenant } = caller;
  const organization: Record<string, unknown> = {
    id: tenant.tenantId,
    displayName: tenant.displayName,
    verifiedDomains: [
      {
        capabilities: "Email, OfficeCommunicationsOnline",
        isDefault: true,
        isInitial: true,
        name: tenant.domain,
        type: "Managed",
      },
    ],
  };
  const select = query
    .get("$select")
    ?.split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const value = select?.length
    ? Object.fromEntries(Object.entries(organization).filter(([name]) => select.includes(name)))
    : organization;
  return json(200, { "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#organization", value: [value] });
}

function route(context: GraphContext, caller: Caller, { segments, query, eventual }: Request): FakeResponse {
  const [collection, idOrDelta, relation, cast, ...rest] = segments;
  if (collection === "organization" && !idOrDelta) return organizationList(caller, query);
  if (collection === "deviceManagement" && idOrDelta === "managedDevices" && !relation) {
    if (!MANAGED_DEVICES_ROLES.some((role) => caller.roles.includes(role)))
      return intuneForbidden(caller.clientRequestId);
    return managedDevicesPage(context, caller.tenant, query);
  }
  const kind = KIND_OF_COLLECTION.get(collection);
  const known =
    kind &&
    !rest.length &&
    (!relation || RELATIONS[kind].includes(relation)) &&
    (!cast || (kind === "group" && castOf(cast)));
  if (!kind || !known) {
    return graphError(
      400,
      "BadRequest",
      `Resource not found for the segment '${segments.find((s, i) => i > 0 && s) ?? collection}'.`,
      caller.clientRequestId,
    );
  }
  // Graph has groups/delta (members come as members@delta); the fake has not needed it yet.
  if (kind === "group" && idOrDelta === "delta")
    return graphError(
      501,
      "NotImplemented",
      "The fake tenant does not implement groups/delta.",
      caller.clientRequestId,
    );
  if (!READ_ROLES[kind].some((role) => caller.roles.includes(role))) {
    return graphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
      caller.clientRequestId,
    );
  }
  if (!idOrDelta) return listingPage(context, caller.tenant, kind, query, eventual);
  if (idOrDelta === "delta" && !relation) return deltaPage(context, caller.tenant, kind, query);
  const stored = collectionOf(caller.tenant, kind).find(idOrDelta);
  if (stored?.state !== "active") return notFound(idOrDelta, caller.clientRequestId);
  if (!relation)
    return json(
      200,
      project(stored.value, parseSelect(kind, query.get("$select"), propertiesOf(kind), defaultsOf(kind))),
    );
  if (kind === "device") return registeredOwners(caller.tenant, stored.index, query);
  const listing = {
    groupId: stored.value.id,
    relation: relation as "members" | "transitiveMembers",
    cast: castOf(cast) ?? null,
  };
  return membersPage(context, caller.tenant, listing, query, eventual);
}

export function handleGraphRequest(
  context: GraphContext,
  method: string,
  url: URL,
  headers: { authorization?: string; clientRequestId?: string; consistencyLevel?: string },
): FakeResponse {
  if (method !== "GET")
    return graphError(
      405,
      "Request_BadRequest",
      `The HTTP method '${method}' is not supported here.`,
      headers.clientRequestId,
    );
  const caller = authenticate(context, headers.authorization, headers.clientRequestId);
  if ("status" in caller) return caller;
  const segments = url.pathname
    .replace(/^\/v1\.0\/?/, "")
    .split("/")
    .map(decodeURIComponent);
  try {
    return route(context, caller, {
      segments,
      query: url.searchParams,
      eventual: isEventual(headers.consistencyLevel),
    });
  } catch (error) {
    if (error instanceof ODataError) return graphError(400, error.code, error.message, headers.clientRequestId);
    throw error;
  }
}
