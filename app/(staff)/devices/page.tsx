import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/session/current-staff";
import { listDevices, listOperatingSystems } from "@/lib/devices/queries";
import { parseDeviceListQuery } from "@/lib/devices/list-query";
import { operatingSystemWithVersion } from "@/lib/devices/operating-systems";
import { pageCount } from "@/lib/lists/search-pattern";
import { EmptyState } from "@/app/_components/empty-state";
import { Pagination } from "@/app/_components/pagination";
import { StatusBadge } from "@/app/_components/status-badge";
import {
  ApplyButton,
  FilterSelect,
  SearchInput,
  formatDateTime,
  listHref,
  recordHref,
} from "@/app/_components/list-controls";
import { yesNo } from "@/app/_components/detail-list";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { OrganizationFilter } from "@/app/_components/organization-filter";

export const metadata = { title: "Devices" };

const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 no-underline hover:bg-slate-50";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DevicesPage({ searchParams }: Props) {
  const actor = await requireStaff();
  const params = await searchParams;
  const query = parseDeviceListQuery(params);
  const [{ rows, total }, systems, organizations] = await Promise.all([
    listDevices(actor, query),
    listOperatingSystems(actor),
    listOrganizationChoices(actor),
  ]);
  // With one organization, the list looks as it did before organizations: no column, no filter.
  const several = organizations.length > 1;
  const { page, ...filters } = query;
  // A page past the end (an old link, a list that shrank) shows the last page, where the total says which.
  const pastTheEnd = rows.length === 0 && page > 1;
  if (pastTheEnd && total.precision === "exact" && total.count > 0)
    redirect(listHref("/devices", { ...filters, page: pageCount(total.count) }));

  const empty = total.count === 0 && !(query.q || query.organization || query.os || query.status);
  const header = (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-semibold">Devices</h1>
      {!empty && (
        <a href={listHref("/devices/export", filters)} className={secondaryButton} download>
          Export CSV
        </a>
      )}
    </div>
  );

  if (empty) {
    return (
      <>
        {header}
        <EmptyState actor={actor} noun="devices" />
      </>
    );
  }

  return (
    <>
      {header}
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
      {rows.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600">
          {pastTheEnd ? (
            <>
              No devices on this page: <Link href={listHref("/devices", filters)}>back to the first page</Link>.
            </>
          ) : (
            "No devices match these filters."
          )}
        </p>
      ) : (
        <DataTable
          headers={[
            "Name",
            ...(several ? ["Organization"] : []),
            "Operating system",
            "Owner",
            "Compliant",
            "Status",
            "Last sign-in",
          ]}
        >
          {rows.map((device) => (
            <tr key={device.id} className="hover:bg-slate-50">
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
          ))}
        </DataTable>
      )}
      <Pagination
        page={page}
        total={total}
        shown={rows.length}
        noun="devices"
        hrefFor={(p) => listHref("/devices", { ...filters, page: p })}
      />
    </>
  );
}
