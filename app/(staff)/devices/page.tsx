import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import { requireStaff } from "@/lib/session/current-staff";
import { listDevices, listOperatingSystems } from "@/lib/devices/queries";
import { parseDeviceListQuery } from "@/lib/devices/list-query";
import { EmptyState } from "@/app/_components/empty-state";
import { Pagination } from "@/app/_components/pagination";
import { StatusBadge } from "@/app/_components/status-badge";
import { ApplyButton, FilterSelect, SearchInput, formatDateTime, listHref } from "@/app/_components/list-controls";
import { yesNo } from "@/app/_components/detail-list";

export const metadata = { title: "Devices" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DevicesPage({ searchParams }: Props) {
  const actor = await requireStaff();
  const query = parseDeviceListQuery(await searchParams);
  const [{ rows, total }, systems] = await Promise.all([listDevices(actor, query), listOperatingSystems(actor)]);
  const { page, ...filters } = query;

  if (total === 0 && !(query.q || query.os || query.status)) {
    return (
      <>
        <h1 className="mb-6 text-2xl font-semibold">Devices</h1>
        <EmptyState actor={actor} noun="devices" />
      </>
    );
  }

  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold">Devices</h1>
      <form className="mb-4 flex flex-wrap items-end gap-3" role="search">
        <SearchInput label="Search" value={query.q} placeholder="Device name" />
        <FilterSelect name="os" label="Operating system" value={query.os} options={[{ value: "", label: "Any system" }, ...systems.map((name) => ({ value: name, label: name }))]} />
        <FilterSelect name="status" label="Status" value={query.status} options={[{ value: "", label: "Any status" }, { value: "active", label: "Active" }, { value: "disabled", label: "Disabled" }, { value: "removed", label: "Removed" }]} />
        <ApplyButton />
      </form>
      {rows.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600">No devices match these filters.</p>
      ) : (
        <DataTable headers={["Name", "Operating system", "Owner", "Compliant", "Status", "Last sign-in"]}>
          {rows.map((device) => (
            <tr key={device.id} className="hover:bg-slate-50">
              <td className="px-4 py-2"><Link href={`/devices/${device.id}`} className="font-medium">{device.displayName}</Link></td>
              <td className="px-4 py-2 text-slate-600">{[device.operatingSystem, device.operatingSystemVersion].filter(Boolean).join(" ") || "—"}</td>
              <td className="px-4 py-2">{device.ownerId ? <Link href={`/clients/${device.ownerId}`}>{device.ownerName}</Link> : <span className="text-slate-400">No owner</span>}</td>
              <td className="px-4 py-2 text-slate-600">{yesNo(device.isCompliant) ?? "—"}</td>
              <td className="px-4 py-2"><StatusBadge status={device.status} /></td>
              <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(device.lastSignInAt)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination page={page} total={total} noun="devices" hrefFor={(p) => listHref("/devices", { ...filters, page: p })} />
    </>
  );
}
