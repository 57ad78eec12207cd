import Link from "next/link";
import { requireStaff } from "@/lib/session/current-staff";
import { hiddenRemovedClients, listClients } from "@/lib/clients/queries";
import { clientSortDefaults, parseClientListQuery } from "@/lib/clients/list-query";
import { EmptyState } from "@/app/_components/empty-state";
import { listHref } from "@/app/_components/list-controls";
import { filterCount, RecordList, redirectPastTheEnd, withoutPage } from "@/app/_components/record-list";
import { BulkActions } from "@/app/_components/bulk-actions";
import { primaryButton, secondaryButton } from "@/app/_components/button-styles";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { ClientFilters, clientColumns } from "./client-list-parts";
import { clientBulkAction } from "./bulk-actions";

export const metadata = { title: "Clients" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const superuserCommands = [
  { intent: "resend", label: "Resend invitations" },
  {
    intent: "revoke",
    label: "Revoke portal access",
    question: "Revoke the portal access of the {n} ticked clients? They are signed out at once.",
  },
];

export default async function ClientsPage({ searchParams }: Props) {
  const actor = await requireStaff();
  const params = await searchParams;
  const query = parseClientListQuery(params);
  const [{ rows, total }, hiddenRemoved, organizations] = await Promise.all([
    listClients(actor, query),
    hiddenRemovedClients(actor, query),
    listOrganizationChoices(actor),
  ]);
  // With one organization, the list looks as it did before organizations: no column, no filter.
  const several = organizations.length > 1;
  redirectPastTheEnd("/clients", query, rows.length, total);
  const empty = total.count === 0 && filterCount(query) === 0 && !hiddenRemoved?.count;
  const superuser = actor.role === "superuser";
  const header = (
    <div className="mb-6 flex flex-wrap items-center justify-between gap-3">
      <h1 className="text-2xl font-semibold">Clients</h1>
      <div className="flex flex-wrap gap-2">
        <Link href="/clients/new" className={primaryButton}>
          Add client
        </Link>
        <Link href="/clients/import" className={secondaryButton}>
          Import CSV
        </Link>
        {!empty && (
          <a href={listHref("/clients/export", withoutPage(query))} className={secondaryButton} download>
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
      <RecordList
        path="/clients"
        noun="clients"
        query={query}
        sortDefaults={clientSortDefaults}
        rows={rows}
        total={total}
        hiddenRemoved={hiddenRemoved}
        columns={clientColumns(several, params)}
        filters={<ClientFilters query={query} organizations={organizations} several={several} />}
        bulk={{
          form: "clients-bulk",
          nameOf: (client) => client.displayName,
          bar: (
            <BulkActions
              id="clients-bulk"
              noun="client"
              action={superuser ? clientBulkAction : undefined}
              commands={superuser ? superuserCommands : []}
              exportAction="/clients/export"
            />
          ),
        }}
      />
    </>
  );
}
