import Link from "next/link";
import type { ClientListQuery } from "@/lib/clients/list-query";
import type { listClients } from "@/lib/clients/queries";
import type { OrganizationChoice } from "@/lib/organizations/queries";
import { StatusBadge } from "@/app/_components/status-badge";
import { SourceBadge, sourceLabels } from "@/app/_components/source-badge";
import { Badge } from "@/app/_components/badge";
import { FilterSelect, SearchInput, formatDateTime, recordHref } from "@/app/_components/list-controls";
import { OrganizationFilter } from "@/app/_components/organization-filter";
import { StatusFilterSelect } from "@/app/_components/record-list";
import type { ListColumn } from "@/app/_components/list-table";

type ClientListRow = Awaited<ReturnType<typeof listClients>>["rows"][number];
type Params = Record<string, string | string[] | undefined>;

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
    <>
      <SearchInput label="Search" value={query.q} placeholder="Name, mail or user principal name" />
      {several && <OrganizationFilter organizations={organizations} value={query.organization} />}
      <StatusFilterSelect value={query.status} />
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
    </>
  );
}

const phoneOf = (client: ClientListRow) => client.mobilePhone ?? client.businessPhones[0] ?? null;
const mailOf = (client: ClientListRow) => client.mail ?? client.userPrincipalName ?? null;

/**
 * The clients list's columns; each record link keeps the list's filters so the record page can lead back to them.
 * On a phone a client's card shows its name, status, mail and job title.
 */
export function clientColumns(several: boolean, params: Params): ListColumn<ClientListRow>[] {
  return [
    {
      key: "name",
      label: "Name",
      sort: "name",
      card: "title",
      width: "md:max-w-52",
      text: (client) => client.displayName,
      cell: (client) => (
        <>
          <Link href={recordHref(`/clients/${client.id}`, params)} className="font-medium">
            {client.displayName}
          </Link>
          {client.isExternal && (
            <>
              {" "}
              <Badge tone="busy">External</Badge>
            </>
          )}
        </>
      ),
    },
    ...(several
      ? [
          {
            key: "organization",
            label: "Organization",
            width: "md:max-w-36",
            text: (client: ClientListRow) => client.organizationName,
            cell: (client: ClientListRow) => client.organizationName,
          },
        ]
      : []),
    { key: "mail", label: "Mail", card: "field", width: "md:max-w-56", text: mailOf, cell: (c) => mailOf(c) ?? "—" },
    { key: "phone", label: "Phone", width: "md:max-w-32", text: phoneOf, cell: (c) => phoneOf(c) ?? "—" },
    {
      key: "company",
      label: "Company",
      width: "md:max-w-36",
      text: (c) => c.companyName,
      cell: (c) => c.companyName ?? "—",
    },
    {
      key: "jobTitle",
      label: "Job title",
      card: "field",
      width: "md:max-w-36",
      text: (c) => c.jobTitle,
      cell: (c) => c.jobTitle ?? "—",
    },
    {
      key: "department",
      label: "Department",
      width: "md:max-w-32",
      text: (c) => c.department,
      cell: (c) => c.department ?? "—",
    },
    { key: "status", label: "Status", card: "status", cell: (c) => <StatusBadge status={c.status} /> },
    { key: "source", label: "Source", cell: (c) => <SourceBadge source={c.source} /> },
    {
      key: "updated",
      label: "Last update",
      sort: "updated",
      cell: (c) => formatDateTime(c.updatedAt),
    },
  ];
}
