import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { DateTimeCell } from "@/app/_components/list-controls";
import { RunStatusBadge } from "@/app/_components/status-badge";
import { organizationStatuses, type OrganizationOverview } from "@/lib/organization-overview/overview";
import type { OverviewSort } from "@/lib/organization-overview/sorting";
import { connectionMethodLabels } from "@/lib/connections";
import { overviewHref, type OverviewView } from "./status-filter";
import { TenantId } from "./tenant-id";

// Short headings keep every column within a laptop's width; the tooltip gives the whole name.
const columns: [OverviewSort, string, string?][] = [
  ["name", "Organization"],
  ["tenant", "Tenant", "Directory (tenant) ID"],
  ["method", "Connection"],
  ["status", "Status"],
  ["clients", "Clients"],
  ["devices", "Devices"],
  ["usersSync", "Users sync", "Last users sync"],
  ["devicesSync", "Devices sync", "Last devices sync"],
  ["nextSync", "Next sync", "Next scheduled sync"],
  ["expiry", "Expires", "Secret or certificate expires"],
  ["alerts", "Alerts", "Open alerts"],
];

const shortMethods = { own_app: "Own app", provider_app: "Provider app" } satisfies Record<
  keyof typeof connectionMethodLabels,
  string
>;

/** A column heading that sorts by its column: plain links, so sorting needs no JavaScript; the filter stays. */
function SortLink({
  column,
  label,
  title,
  view,
}: {
  column: OverviewSort;
  label: string;
  title?: string;
  view: OverviewView;
}) {
  const active = view.sorted.sort === column;
  const direction = active && view.sorted.direction === "asc" ? "desc" : "asc";
  return (
    <Link href={overviewHref({ ...view, sorted: { sort: column, direction } })} title={title} className="no-underline">
      {label}
      {active ? (view.sorted.direction === "asc" ? "\u00a0▲" : "\u00a0▼") : ""}
    </Link>
  );
}

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

export function OverviewTable({ rows, view }: { rows: OrganizationOverview[]; view: OverviewView }) {
  return (
    <DataTable
      compact
      headers={columns.map(([column, label, title]) => (
        <SortLink key={column} column={column} label={label} title={title} view={view} />
      ))}
    >
      {rows.map((row) => (
        <tr key={row.id} className="align-top" data-testid="organization-row">
          <td className="px-3 py-2 min-w-40 wrap-anywhere">
            <Link href={`/settings/organizations/${row.id}`} className="font-medium">
              {row.name}
            </Link>
            {row.primaryDomain && <span className="block text-xs text-slate-500">{row.primaryDomain}</span>}
          </td>
          <td className="px-3 py-2">
            {row.tenantId ? <TenantId tenantId={row.tenantId} organizationName={row.name} /> : "—"}
          </td>
          <td className="px-3 py-2 whitespace-nowrap">
            {row.method ? <span title={connectionMethodLabels[row.method]}>{shortMethods[row.method]}</span> : "—"}
          </td>
          <td className="whitespace-nowrap px-3 py-2" data-testid="organization-status">
            {organizationStatuses[row.status]}
          </td>
          <td className="px-3 py-2 text-right">{row.clients.toLocaleString("en")}</td>
          <td className="px-3 py-2 text-right">{row.devices.toLocaleString("en")}</td>
          <td className="px-3 py-2">
            <LastSync sync={row.lastUsersSync} />
          </td>
          <td className="px-3 py-2">
            <LastSync sync={row.lastDevicesSync} />
          </td>
          <td className="px-3 py-2 text-xs">{row.nextSync ? <DateTimeCell value={row.nextSync} /> : "—"}</td>
          <td className="px-3 py-2 text-xs">
            <Expiry expiry={row.expiry} />
          </td>
          <td className="px-3 py-2 text-right">{row.openAlerts}</td>
        </tr>
      ))}
    </DataTable>
  );
}
