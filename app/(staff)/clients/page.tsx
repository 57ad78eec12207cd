import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/session/current-staff";
import { listClients } from "@/lib/clients/queries";
import { parseClientListQuery } from "@/lib/clients/list-query";
import { EmptyState } from "@/app/_components/empty-state";
import { Pagination } from "@/app/_components/pagination";
import { StatusBadge } from "@/app/_components/status-badge";
import { SourceBadge, sourceLabels } from "@/app/_components/source-badge";
import {
  ApplyButton,
  FilterSelect,
  SearchInput,
  formatDateTime,
  listHref,
  recordHref,
} from "@/app/_components/list-controls";
import { pageCount } from "@/lib/lists/search-pattern";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { OrganizationFilter } from "@/app/_components/organization-filter";

export const metadata = { title: "Clients" };

const secondaryButton =
  "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 no-underline hover:bg-slate-50";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ClientsPage({ searchParams }: Props) {
  const actor = await requireStaff();
  const params = await searchParams;
  const query = parseClientListQuery(params);
  const [{ rows, total }, organizations] = await Promise.all([
    listClients(actor, query),
    listOrganizationChoices(actor),
  ]);
  // With one organization, the list looks as it did before organizations: no column, no filter.
  const several = organizations.length > 1;
  const { page, ...filters } = query;
  const filtered = Boolean(query.q || query.organization || query.status || query.source || query.external);
  // A page past the end (an old link, a list that shrank) shows the last page, where the total says which.
  const pastTheEnd = rows.length === 0 && page > 1;
  if (pastTheEnd && total.precision === "exact" && total.count > 0)
    redirect(listHref("/clients", { ...filters, page: pageCount(total.count) }));

  const empty = total.count === 0 && !filtered;
  const header = (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-semibold">Clients</h1>
      <div className="flex flex-wrap gap-2">
        <Link
          href="/clients/new"
          className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white no-underline shadow-sm hover:bg-indigo-700"
        >
          Add client
        </Link>
        <Link href="/clients/import" className={secondaryButton}>
          Import CSV
        </Link>
        {!empty && (
          <a href={listHref("/clients/export", filters)} className={secondaryButton} download>
            Export CSV
          </a>
        )}
      </div>
    </div>
  );

  if (empty) {
    return (
      <>
        {header}
        <EmptyState actor={actor} noun="clients">
          You can also <Link href="/clients/new">add a client by hand</Link> or{" "}
          <Link href="/clients/import">import them from a CSV file</Link>.
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {header}
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
      {rows.length === 0 ? (
        <p className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600">
          {pastTheEnd ? (
            <>
              No clients on this page: <Link href={listHref("/clients", filters)}>back to the first page</Link>.
            </>
          ) : (
            "No clients match these filters."
          )}
        </p>
      ) : (
        <DataTable
          headers={[
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
          ]}
        >
          {rows.map((client) => (
            <tr key={client.id} className="hover:bg-slate-50">
              <td className="min-w-40 px-4 py-2 wrap-anywhere">
                <Link href={recordHref(`/clients/${client.id}`, params)} className="font-medium">
                  {client.displayName}
                </Link>
                {client.isExternal && (
                  <span className="ml-2 rounded bg-sky-50 px-1.5 py-0.5 text-xs text-sky-800">External</span>
                )}
              </td>
              {several && <td className="px-4 py-2 wrap-anywhere text-slate-600">{client.organizationName}</td>}
              <td className="px-4 py-2 wrap-anywhere text-slate-600">
                {client.mail ?? client.userPrincipalName ?? "—"}
              </td>
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
          ))}
        </DataTable>
      )}
      <Pagination
        page={page}
        total={total}
        shown={rows.length}
        noun="clients"
        hrefFor={(p) => listHref("/clients", { ...filters, page: p })}
      />
    </>
  );
}
