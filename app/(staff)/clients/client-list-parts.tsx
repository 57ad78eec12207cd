import Link from "next/link";
import type { ClientListQuery } from "@/lib/clients/list-query";
import type { listClients } from "@/lib/clients/queries";
import type { OrganizationChoice } from "@/lib/organizations/queries";
import { StatusBadge } from "@/app/_components/status-badge";
import { SourceBadge, sourceLabels } from "@/app/_components/source-badge";
import { ApplyButton, FilterSelect, SearchInput, formatDateTime, recordHref } from "@/app/_components/list-controls";
import { OrganizationFilter } from "@/app/_components/organization-filter";

type ClientListRow = Awaited<ReturnType<typeof listClients>>["rows"][number];

/** The filters above the clients list; the organization filter only where there are several organizations. */
export function ClientFilters({
  query,
  organizations,
  several,
}: {
  query: ClientListQuery;
  organizations: OrganizationChoice[];
  several: boolean;
}) {
  return (
    <form className="mb-4 flex flex-wrap items-end gap-3" role="search">
      <SearchInput label="Search" value={query.q} placeholder="Name, mail or user principal name" />
      {several && <OrganizationFilter organizations={organizations} value={query.organization} />}
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
        name="source"
        label="Source"
        value={query.source}
        options={[
          { value: "", label: "Any source" },
          ...Object.entries(sourceLabels).map(([value, label]) => ({ value, label })),
        ]}
      />
      <FilterSelect
        name="external"
        label="External"
        value={query.external}
        options={[
          { value: "", label: "Members and guests" },
          { value: "no", label: "Members only" },
          { value: "yes", label: "External only" },
        ]}
      />
      <FilterSelect
        name="sort"
        label="Sort by"
        value={query.sort}
        options={[
          { value: "name", label: "Name" },
          { value: "updated", label: "Last update" },
        ]}
      />
      <ApplyButton />
    </form>
  );
}

export const clientHeaders = (several: boolean) => [
  "Name",
  ...(several ? ["Organization"] : []),
  "Mail",
  "Phone",
  "Company",
  "Job title",
  "Department",
  "Status",
  "Source",
  "Last update",
];

/** One client's row; its link keeps the list's filters so the record page can lead back to them. */
export function ClientRow({
  client,
  several,
  params,
}: {
  client: ClientListRow;
  several: boolean;
  params: Record<string, string | string[] | undefined>;
}) {
  return (
    <tr className="hover:bg-slate-50">
      <td className="min-w-40 px-4 py-2 wrap-anywhere">
        <Link href={recordHref(`/clients/${client.id}`, params)} className="font-medium">
          {client.displayName}
        </Link>
        {client.isExternal && (
          <span className="ml-2 rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-800">External</span>
        )}
      </td>
      {several && <td className="px-4 py-2 wrap-anywhere text-slate-600">{client.organizationName}</td>}
      <td className="px-4 py-2 wrap-anywhere text-slate-600">{client.mail ?? client.userPrincipalName ?? "—"}</td>
      <td className="px-4 py-2 text-slate-600">{client.mobilePhone ?? client.businessPhones[0] ?? "—"}</td>
      <td className="px-4 py-2 wrap-anywhere text-slate-600">{client.companyName ?? "—"}</td>
      <td className="px-4 py-2 wrap-anywhere text-slate-600">{client.jobTitle ?? "—"}</td>
      <td className="px-4 py-2 wrap-anywhere text-slate-600">{client.department ?? "—"}</td>
      <td className="px-4 py-2">
        <StatusBadge status={client.status} />
      </td>
      <td className="px-4 py-2">
        <SourceBadge source={client.source} />
      </td>
      <td className="px-4 py-2 whitespace-nowrap text-slate-600">{formatDateTime(client.updatedAt)}</td>
    </tr>
  );
}
