import Link from "next/link";
import { ListTable } from "@/app/_components/list-table";
import type { ListColumn } from "@/app/_components/list-columns";
import { DateTimeCell } from "@/app/_components/list-controls";
import { RunStatusBadge } from "@/app/_components/status-badge";
import { organizationStatuses, type OrganizationOverview } from "@/lib/organization-overview/overview";
import type { OverviewSort } from "@/lib/organization-overview/sorting";
import { connectionMethodLabels } from "@/lib/connections";
import { overviewHref, type OverviewView } from "./status-filter";
import { TenantId } from "./tenant-id";

const shortMethods = { own_app: "Own app", provider_app: "Provider app" } satisfies Record<
  keyof typeof connectionMethodLabels,
  string
>;

function LastSync({ sync }: { sync: OrganizationOverview["lastUsersSync"] }) {
  if (!sync) return <span className="text-slate-500">Never</span>;
  return (
    <>
      <RunStatusBadge status={sync.status} />
      <span className="mt-1 block text-xs text-slate-500">
        <DateTimeCell value={sync.at} />
      </span>
    </>
  );
}

function Expiry({ expiry }: { expiry: OrganizationOverview["expiry"] }) {
  if (expiry.state === "unknown") return <span className="text-slate-500">—</span>;
  const tone = expiry.state === "ok" ? "" : expiry.state === "expiring" ? "text-amber-800" : "text-red-700";
  return (
    <span className={`whitespace-nowrap ${tone}`}>
      {expiry.expiresOn}
      {expiry.state === "expired" && <span className="block">(expired)</span>}
    </span>
  );
}

// Short headings keep every column within a laptop's width; the tooltip gives the whole name. On a phone an
// organization's card shows its name, status, clients and last users sync.
const columns: ListColumn<OrganizationOverview>[] = [
  {
    key: "name",
    label: "Organization",
    sort: "name",
    card: "title",
    wrap: true,
    cell: (row) => (
      <span className="block min-w-40 max-w-56">
        <Link href={`/settings/organizations/${row.id}`} className="block truncate font-medium" title={row.name}>
          {row.name}
        </Link>
        {row.primaryDomain && (
          <span className="block truncate text-xs text-slate-500" title={row.primaryDomain}>
            {row.primaryDomain}
          </span>
        )}
      </span>
    ),
  },
  {
    key: "tenant",
    label: "Tenant",
    description: "Directory (tenant) ID",
    sort: "tenant",
    cell: (row) => (row.tenantId ? <TenantId tenantId={row.tenantId} organizationName={row.name} /> : "—"),
  },
  {
    key: "method",
    label: "Connection",
    sort: "method",
    cell: (row) =>
      row.method ? <span title={connectionMethodLabels[row.method]}>{shortMethods[row.method]}</span> : "—",
  },
  {
    key: "status",
    label: "Status",
    sort: "status",
    card: "status",
    cell: (row) => <span data-testid="organization-status">{organizationStatuses[row.status]}</span>,
  },
  {
    key: "clients",
    label: "Clients",
    sort: "clients",
    card: "field",
    align: "right",
    cell: (row) => row.clients.toLocaleString("en"),
  },
  {
    key: "devices",
    label: "Devices",
    sort: "devices",
    align: "right",
    wrap: true,
    cell: (row) => (
      <>
        {row.devices.toLocaleString("en")}
        {row.devicesNeedingAttention > 0 && (
          <Link
            href={`/devices?organization=${row.id}&attention=any`}
            className="block text-xs"
            data-testid="devices-needing-attention"
          >
            {row.devicesNeedingAttention.toLocaleString("en")} {row.devicesNeedingAttention === 1 ? "needs" : "need"}{" "}
            attention
          </Link>
        )}
      </>
    ),
  },
  {
    key: "usersSync",
    label: "Users sync",
    description: "Last users sync",
    sort: "usersSync",
    card: "field",
    wrap: true,
    cell: (row) => <LastSync sync={row.lastUsersSync} />,
  },
  {
    key: "devicesSync",
    label: "Devices sync",
    description: "Last devices sync",
    sort: "devicesSync",
    wrap: true,
    cell: (row) => <LastSync sync={row.lastDevicesSync} />,
  },
  {
    key: "nextSync",
    label: "Next sync",
    description: "Next scheduled sync",
    sort: "nextSync",
    wrap: true,
    cell: (row) => <span className="text-xs">{row.nextSync ? <DateTimeCell value={row.nextSync} /> : "—"}</span>,
  },
  {
    key: "expiry",
    label: "Expires",
    description: "Secret or certificate expires",
    sort: "expiry",
    wrap: true,
    cell: (row) => (
      <span className="text-xs">
        <Expiry expiry={row.expiry} />
      </span>
    ),
  },
  {
    key: "alerts",
    label: "Alerts",
    description: "Open alerts",
    sort: "alerts",
    align: "right",
    cell: (row) => row.openAlerts,
  },
];

export function OverviewTable({ rows, view }: { rows: OrganizationOverview[]; view: OverviewView }) {
  return (
    <ListTable
      label="Organizations"
      columns={columns}
      rows={rows}
      rowTestId="organization-row"
      fit={false}
      sorting={{
        sort: view.sorted.sort,
        dir: view.sorted.direction,
        hrefFor: (sort, direction) => overviewHref({ ...view, sorted: { sort: sort as OverviewSort, direction } }),
        firstDirection: () => "asc",
      }}
    />
  );
}
