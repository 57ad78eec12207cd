import { requireStaff } from "@/lib/session/current-staff";
import { hiddenRemovedDevices, listDevices, listOperatingSystems } from "@/lib/devices/queries";
import { deviceSortDefaults, parseDeviceListQuery } from "@/lib/devices/list-query";
import { EmptyState } from "@/app/_components/empty-state";
import { listHref } from "@/app/_components/list-controls";
import { filterCount, RecordList, redirectPastTheEnd, withoutPage } from "@/app/_components/record-list";
import { BulkActions } from "@/app/_components/bulk-actions";
import { secondaryButton } from "@/app/_components/button-styles";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { DeviceFilters, deviceColumns } from "./device-list-parts";

export const metadata = { title: "Devices" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DevicesPage({ searchParams }: Props) {
  const actor = await requireStaff();
  const params = await searchParams;
  const query = parseDeviceListQuery(params);
  const [{ rows, total }, hiddenRemoved, systems, organizations] = await Promise.all([
    listDevices(actor, query),
    hiddenRemovedDevices(actor, query),
    listOperatingSystems(actor),
    listOrganizationChoices(actor),
  ]);
  // With one organization, the list looks as it did before organizations: no column, no filter.
  const several = organizations.length > 1;
  redirectPastTheEnd("/devices", query, rows.length, total);
  const empty = total.count === 0 && filterCount(query) === 0 && !hiddenRemoved?.count;
  const header = (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-semibold">Devices</h1>
      {!empty && (
        <a href={listHref("/devices/export", withoutPage(query))} className={secondaryButton} download>
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
      <RecordList
        path="/devices"
        noun="devices"
        query={query}
        sortDefaults={deviceSortDefaults}
        rows={rows}
        total={total}
        hiddenRemoved={hiddenRemoved}
        columns={deviceColumns(several, params)}
        filters={<DeviceFilters query={query} systems={systems} organizations={organizations} several={several} />}
        bulk={{
          form: "devices-bulk",
          nameOf: (device) => device.displayName,
          bar: <BulkActions id="devices-bulk" noun="device" commands={[]} exportAction="/devices/export" />,
        }}
      />
    </>
  );
}
