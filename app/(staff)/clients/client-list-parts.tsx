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
import { textColumn, type ListColumn } from "@/app/_components/list-columns";

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
          // A client comes from Entra or is added by hand; only devices come from Intune alone.
          ...Object.entries(sourceLabels)
            .filter(([value]) => value !== "intune")
            .map(([value, label]) => ({ value, label })),
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
    ...(several ? [textColumn<ClientListRow>("organization", "Organization", (c) => c.organizationName)] : []),
    textColumn("mail", "Mail", mailOf, { card: "field" }),
    textColumn("phone", "Phone", phoneOf, { width: "lg:w-36" }),
    textColumn("company", "Company", (c) => c.companyName),
    textColumn("jobTitle", "Job title", (c) => c.jobTitle, { card: "field" }),
    textColumn("department", "Department", (c) => c.department, { secondary: true }),
    {
      key: "status",
      label: "Status",
      card: "status",
      width: "lg:w-24",
      cell: (c) => <StatusBadge status={c.status} />,
    },
    { key: "source", label: "Source", width: "lg:w-40", cell: (c) => <SourceBadge source={c.source} /> },
    {
      key: "updated",
      label: "Last update",
      sort: "updated",
      width: "lg:w-48",
      text: (c) => formatDateTime(c.updatedAt),
      cell: (c) => formatDateTime(c.updatedAt),
    },
  ];
}
