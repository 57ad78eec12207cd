import { DataTable } from "@/app/_components/data-table";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/session/current-staff";
import { listDevices, listOperatingSystems } from "@/lib/devices/queries";
import { parseDeviceListQuery } from "@/lib/devices/list-query";
import { pageCount } from "@/lib/lists/search-pattern";
import { EmptyState } from "@/app/_components/empty-state";
import { Pagination } from "@/app/_components/pagination";
import { NoRowsMessage } from "@/app/_components/no-rows-message";
import { listHref } from "@/app/_components/list-controls";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { DeviceFilters, DeviceRow, deviceHeaders } from "./device-list-parts";

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
      <DeviceFilters query={query} systems={systems} organizations={organizations} several={several} />
      {rows.length === 0 ? (
        <NoRowsMessage noun="devices" pastTheEnd={pastTheEnd} firstPageHref={listHref("/devices", filters)} />
      ) : (
        <DataTable headers={deviceHeaders(several)}>
          {rows.map((device) => (
            <DeviceRow key={device.id} device={device} several={several} params={params} />
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
