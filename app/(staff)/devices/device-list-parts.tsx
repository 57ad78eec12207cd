import Link from "next/link";
import type { DeviceListQuery } from "@/lib/devices/list-query";
import type { listDevices } from "@/lib/devices/queries";
import { operatingSystemWithVersion } from "@/lib/devices/operating-systems";
import type { OrganizationChoice } from "@/lib/organizations/queries";
import { StatusBadge } from "@/app/_components/status-badge";
import { ApplyButton, FilterSelect, SearchInput, formatDateTime, recordHref } from "@/app/_components/list-controls";
import { yesNo } from "@/app/_components/detail-list";
import { OrganizationFilter } from "@/app/_components/organization-filter";

type DeviceListRow = Awaited<ReturnType<typeof listDevices>>["rows"][number];

/** The filters above the devices list; the organization filter only where there are several organizations. */
export function DeviceFilters({
  query,
  systems,
  organizations,
  several,
}: {
  query: DeviceListQuery;
  systems: string[];
  organizations: OrganizationChoice[];
  several: boolean;
}) {
  return (
    <form className="mb-4 flex flex-wrap items-end gap-3" role="search">
      <SearchInput label="Search" value={query.q} placeholder="Device name" />
      {several && <OrganizationFilter organizations={organizations} value={query.organization} />}
      <FilterSelect
        name="os"
        label="Operating system"
        value={query.os}
        options={[{ value: "", label: "Any system" }, ...systems.map((label) => ({ value: label, label }))]}
      />
      <FilterSelect
        name="status"
        label="Status"
        value={query.status}
        options={[
          { value: "", label: "Any status" },
          { value: "active", label: "Active" },
          { value: "disabled", label: "Disabled" },
          { value: "removed", label: "Removed" },
        ]}
      />
      <FilterSelect
        name="sort"
        label="Sort by"
        value={query.sort}
        options={[
          { value: "name", label: "Name" },
          { value: "signin", label: "Last sign-in" },
        ]}
      />
      <ApplyButton />
    </form>
  );
}

export const deviceHeaders = (several: boolean) => [
  "Name",
  ...(several ? ["Organization"] : []),
  "Operating system",
  "Owner",
  "Compliant",
  "Status",
  "Last sign-in",
];

/** One device's row; its link keeps the list's filters so the record page can lead back to them. */
export function DeviceRow({
  device,
  several,
  params,
}: {
  device: DeviceListRow;
  several: boolean;
  params: Record<string, string | string[] | undefined>;
}) {
  return (
    <tr className="hover:bg-slate-50">
      <td className="min-w-40 px-4 py-2 wrap-anywhere">
        <Link href={recordHref(`/devices/${device.id}`, params)} className="font-medium">
          {device.displayName}
        </Link>
      </td>
      {several && <td className="px-4 py-2 wrap-anywhere text-slate-600">{device.organizationName}</td>}
      <td className="px-4 py-2 text-slate-600">{operatingSystemWithVersion(device) ?? "—"}</td>
      <td className="min-w-40 px-4 py-2 wrap-anywhere">
        {device.ownerId ? (
          <Link href={`/clients/${device.ownerId}`}>{device.ownerName}</Link>
        ) : (
          <span className="text-slate-600">No owner</span>
        )}
      </td>
      <td className="px-4 py-2 text-slate-600">{yesNo(device.isCompliant) ?? "—"}</td>
      <td className="px-4 py-2">
        <StatusBadge status={device.status} />
      </td>
      <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(device.lastSignInAt)}</td>
    </tr>
  );
}
