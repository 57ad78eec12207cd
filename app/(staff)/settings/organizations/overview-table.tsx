import Link from "next/link";
import { DataTable } from "@/app/_components/data-table";
import { formatDateTime } from "@/app/_components/list-controls";
import { RunStatusBadge } from "@/app/_components/status-badge";
import { organizationStatuses, type OrganizationOverview } from "@/lib/organization-overview/overview";
import type { OverviewSort } from "@/lib/organization-overview/sorting";
import { connectionMethodLabels } from "@/lib/sync-settings/connection-methods";

type Sorted = { sort: OverviewSort; direction: "asc" | "desc" };

const columns: [OverviewSort, string][] = [
  ["name", "Organization"], ["tenant", "Tenant"], ["method", "Connection"], ["status", "Status"], ["clients", "Clients"], ["devices", "Devices"],
  ["usersSync", "Last users sync"], ["devicesSync", "Last devices sync"], ["nextSync", "Next scheduled sync"], ["expiry", "Secret or certificate expires"], ["alerts", "Open alerts"],
];

/** A column heading that sorts by its column: plain links, so sorting needs no JavaScript. */
function SortLink({ column, label, current }: { column: OverviewSort; label: string; current: Sorted }) {
  const active = current.sort === column;
  const next = active && current.direction === "asc" ? "desc" : "asc";
  return (
    <Link href={`/settings/organizations?sort=${column}&dir=${next}`} className="whitespace-nowrap no-underline">
      {label}{active ? (current.direction === "asc" ? " ▲" : " ▼") : ""}
    </Link>
  );
}

function LastSync({ sync }: { sync: OrganizationOverview["lastUsersSync"] }) {
  if (!sync) return <span className="text-slate-500">Never</span>;
  return <span className="space-y-1"><RunStatusBadge status={sync.status} /> <span className="block text-xs text-slate-500">{formatDateTime(sync.at)}</span></span>;
}

function Expiry({ expiry }: { expiry: OrganizationOverview["expiry"] }) {
  if (expiry.state === "unknown") return <span className="text-slate-500">—</span>;
  const tone = expiry.state === "ok" ? "" : expiry.state === "expiring" ? "text-amber-800" : "text-red-700";
  return <span className={tone}>{expiry.expiresOn}{expiry.state === "expired" ? " (expired)" : ""}</span>;
}

export function OverviewTable({ rows, sorted }: { rows: OrganizationOverview[]; sorted: Sorted }) {
  return (
    <DataTable headers={columns.map(([column, label]) => <SortLink key={column} column={column} label={label} current={sorted} />)}>
      {rows.map((row) => (
        <tr key={row.id} className="align-top" data-testid="organization-row">
          <td className="px-4 py-2">
            <Link href={`/settings/organizations/${row.id}`} className="font-medium">{row.name}</Link>
            {row.primaryDomain && <span className="block text-xs text-slate-500">{row.primaryDomain}</span>}
          </td>
          <td className="px-4 py-2 font-mono text-xs break-all">{row.tenantId ?? "—"}</td>
          <td className="px-4 py-2">{row.method ? connectionMethodLabels[row.method] : "—"}</td>
          <td className="px-4 py-2" data-testid="organization-status">{organizationStatuses[row.status]}</td>
          <td className="px-4 py-2 text-right">{row.clients.toLocaleString("en")}</td>
          <td className="px-4 py-2 text-right">{row.devices.toLocaleString("en")}</td>
          <td className="px-4 py-2"><LastSync sync={row.lastUsersSync} /></td>
          <td className="px-4 py-2"><LastSync sync={row.lastDevicesSync} /></td>
          <td className="px-4 py-2 whitespace-nowrap">{row.nextSync ? formatDateTime(row.nextSync) : "—"}</td>
          <td className="px-4 py-2 whitespace-nowrap"><Expiry expiry={row.expiry} /></td>
          <td className="px-4 py-2 text-right">{row.openAlerts}</td>
        </tr>
      ))}
    </DataTable>
  );
}
