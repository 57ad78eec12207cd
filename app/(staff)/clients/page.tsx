import { DataTable } from "@/app/_components/data-table";
import Link from "next/link";
import { redirect } from "next/navigation";
import { requireStaff } from "@/lib/session/current-staff";
import { listClients } from "@/lib/clients/queries";
import { parseClientListQuery } from "@/lib/clients/list-query";
import { EmptyState } from "@/app/_components/empty-state";
import { Pagination } from "@/app/_components/pagination";
import { NoRowsMessage } from "@/app/_components/no-rows-message";
import { listHref } from "@/app/_components/list-controls";
import { pageCount } from "@/lib/lists/search-pattern";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { ClientFilters, ClientRow, clientHeaders } from "./client-list-parts";

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
      <ClientFilters query={query} organizations={organizations} several={several} />
      {rows.length === 0 ? (
        <NoRowsMessage noun="clients" pastTheEnd={pastTheEnd} firstPageHref={listHref("/clients", filters)} />
      ) : (
        <DataTable headers={clientHeaders(several)}>
          {rows.map((client) => (
            <ClientRow key={client.id} client={client} several={several} params={params} />
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
