import Link from "next/link";
import type { DeviceListQuery } from "@/lib/devices/list-query";
import type { listDevices } from "@/lib/devices/queries";
import { operatingSystemWithVersion } from "@/lib/devices/operating-systems";
import type { OrganizationChoice } from "@/lib/organizations/queries";
import { StatusBadge } from "@/app/_components/status-badge";
import { FilterSelect, SearchInput, formatDateTime, recordHref } from "@/app/_components/list-controls";
import { yesNo } from "@/app/_components/detail-list";
import { SourceBadge } from "@/app/_components/source-badge";
import { OrganizationFilter } from "@/app/_components/organization-filter";
import { StatusFilterSelect } from "@/app/_components/record-list";
import { textColumn, type ListColumn } from "@/app/_components/list-columns";
import { attentionReasonKeys, attentionReasonLabels, attentionReasons } from "@/lib/devices/attention-reasons";

type DeviceListRow = Awaited<ReturnType<typeof listDevices>>["rows"][number];
type Params = Record<string, string | string[] | undefined>;

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
    <>
      <SearchInput
        label="Search"
        value={query.q}
        placeholder="Device name, serial number, or its owner's or primary user's name"
      />
      {several && <OrganizationFilter organizations={organizations} value={query.organization} />}
      <FilterSelect
        name="os"
        label="Operating system"
        value={query.os}
        options={[{ value: "", label: "Any system" }, ...systems.map((label) => ({ value: label, label }))]}
      />
      <FilterSelect
        name="attention"
        label="Needs attention"
        value={query.attention}
        options={[
          { value: "", label: "Any device" },
          { value: "any", label: "Needs attention" },
          ...attentionReasonKeys.map((key) => ({ value: key, label: attentionReasons[key] })),
        ]}
      />
      <StatusFilterSelect value={query.status} />
    </>
  );
}

/**
 * The devices list's columns; each record link keeps the list's filters so the record page can lead back to them.
 * On a phone a device's card shows its name, status, owner and operating system.
 */
export function deviceColumns(several: boolean, params: Params): ListColumn<DeviceListRow>[] {
  return [
    {
      key: "name",
      label: "Name",
      sort: "name",
      card: "title",
      text: (device) => device.displayName,
      cell: (device) => (
        <>
          <Link href={recordHref(`/devices/${device.id}`, params)} className="font-medium">
            {device.displayName}
          </Link>
          {/* A device only Intune has is marked so; a serial number found by a search shows beside its name. */}
          {device.source === "intune" && (
            <>
              {" "}
              <SourceBadge source="intune" />
            </>
          )}
          {device.serialNumber && (
            <span className="block text-xs text-slate-600">Serial number {device.serialNumber}</span>
          )}
        </>
      ),
    },
    ...(several ? [textColumn<DeviceListRow>("organization", "Organization", (d) => d.organizationName)] : []),
    textColumn("os", "Operating system", operatingSystemWithVersion, { card: "field" }),
    {
      key: "owner",
      label: "Owner",
      card: "field",
      text: (device) => device.ownerName,
      cell: (device) =>
        device.ownerId ? (
          <Link href={`/clients/${device.ownerId}`}>{device.ownerName}</Link>
        ) : (
          <span className="text-slate-600">No owner</span>
        ),
    },
    textColumn("attention", "Needs attention", (device) => attentionReasonLabels(device.attentionReasons)),
    { key: "compliant", label: "Compliant", width: "lg:w-28", cell: (device) => yesNo(device.isCompliant) ?? "—" },
    {
      key: "status",
      label: "Status",
      card: "status",
      width: "lg:w-24",
      cell: (device) => <StatusBadge status={device.status} />,
    },
    {
      key: "signin",
      label: "Last sign-in",
      sort: "signin",
      width: "lg:w-48",
      text: (device) => formatDateTime(device.lastSignInAt),
      cell: (device) => formatDateTime(device.lastSignInAt),
    },
  ];
}
