// Intune through Microsoft Graph v1.0: "List managedDevices" (learn.microsoft.com/graph/api/intune-devices-manageddevice-list),
// `GET /deviceManagement/managedDevices`, with the application permission DeviceManagementManagedDevices.Read.All
// (or .ReadWrite.All). The page size is the service's choice ("Paging Microsoft Graph data",
// learn.microsoft.com/graph/paging): the fake answers Intune's 1,000 a page, fewer when the tests make pages
// smaller, and links the next page with @odata.nextLink. Throttling (429 with Retry-After, "Microsoft Graph
// service-specific throttling limits", Intune service limits) comes from faults.ts like any Graph request's.
import type { FakeTenant } from "./fake-tenant";
import type { CollectionContext } from "./graph-collections";
import { contextLink } from "./graph-collections";
import { MANAGED_DEVICE_PROPERTIES } from "./managed-devices";
import { ODataError, parseSelect, project } from "./odata-query";
import { decodeToken, encodeToken, linkWith, type ListingCursor } from "./page-tokens";
import { graphError, json, type FakeResponse } from "./responses";

const INTUNE_PAGE_SIZE = 1000;

export const MANAGED_DEVICES_ROLES = [
  "DeviceManagementManagedDevices.Read.All",
  "DeviceManagementManagedDevices.ReadWrite.All",
];

/** Intune's refusal of an app without the permission: a 403 whose message names the scopes it needs. */
export function intuneForbidden(clientRequestId?: string): FakeResponse {
  return graphError(
    403,
    "Forbidden",
    `Application is not authorized to perform this operation. Application must have one of the following scopes: ${MANAGED_DEVICES_ROLES.join(", ")}`,
    clientRequestId,
  );
}

function parseIntuneTop(value: string | null) {
  if (value === null) return INTUNE_PAGE_SIZE;
  const top = Number(value);
  if (!Number.isInteger(top) || top < 1 || top > INTUNE_PAGE_SIZE)
    throw new ODataError("BadRequest", `Invalid value for $top: '${value}'.`);
  return top;
}

/** One page of the tenant's managed devices, `$select`ed; the skip token is the next listing position. */
export function managedDevicesPage(
  context: CollectionContext,
  tenant: FakeTenant,
  query: URLSearchParams,
): FakeResponse {
  const select = parseSelect(
    "managedDevice",
    query.get("$select"),
    MANAGED_DEVICE_PROPERTIES,
    MANAGED_DEVICE_PROPERTIES,
  );
  const pageSize = Math.min(parseIntuneTop(query.get("$top")), context.listingPageSize);
  const managed = tenant.managedDevices;
  const value: Record<string, unknown>[] = [];
  let position = decodeToken<ListingCursor>(query.get("$skiptoken"))?.position ?? 0;
  for (; position < managed.end && value.length < pageSize; position++) {
    const device = managed.at(position);
    if (device) value.push(project(device, select));
  }
  let more = false;
  for (let ahead = position; ahead < managed.end && !more; ahead++) more = managed.at(ahead) !== null;
  const path = "deviceManagement/managedDevices";
  const nextLink = more
    ? linkWith(context.baseUrl, path, {
        $select: query.get("$select"),
        $top: query.get("$top"),
        $skiptoken: encodeToken({ position }),
      })
    : undefined;
  return json(200, {
    "@odata.context": contextLink(context, path, select),
    ...(nextLink ? { "@odata.nextLink": nextLink } : {}),
    value,
  });
}
