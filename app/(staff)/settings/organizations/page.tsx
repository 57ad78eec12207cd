import Link from "next/link";
import { requireSuperuser } from "@/lib/session/current-staff";
import { overviewFilterLabels } from "@/lib/organization-overview/filtering";
import { organizationsOverviewList } from "@/lib/organization-overview/overview-list";
import { consentRefusalMessage } from "@/lib/consent";
import { EmptyMessage } from "@/app/_components/empty-state";
import { primaryButton, secondaryButton } from "@/app/_components/button-styles";
import { OverviewTable } from "./overview-table";
import { overviewHref, StatusFilter } from "./status-filter";
import { ConsentRefusal } from "@/app/_components/consent-refusal";

export const metadata = { title: "Organizations" };

type Search = { sort?: string; dir?: string; status?: string; consent?: string };

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireSuperuser();
  const search = await searchParams;
  const { rows, total, filter, sorted } = await organizationsOverviewList(actor, search);
  const view = { sorted, filter };
  const refusal = consentRefusalMessage(search.consent);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Organizations</h1>
        <div className="flex gap-3 text-sm">
          <Link href="/settings/organizations/provider-app" className={secondaryButton}>
            Provider app
          </Link>
          <Link href="/settings/organizations/new" className={primaryButton}>
            Add organization
          </Link>
        </div>
      </div>
      <ConsentRefusal message={refusal} />
      <p className="text-sm text-slate-600">
        Each organization connects to its own Microsoft Entra tenant: with an app registered in that tenant (the setup
        guide&apos;s steps), or with your provider app, which the organization&apos;s administrator consents to.
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <StatusFilter view={view} />
        <p className="text-sm text-slate-600" data-testid="result-count">
          {countLine(rows.length, total, filter && overviewFilterLabels[filter])}
        </p>
      </div>
      {rows.length === 0 && filter ? (
        <EmptyMessage>
          No organization matches “{overviewFilterLabels[filter]}”.{" "}
          <Link href={overviewHref({ ...view, filter: null })}>Show all organizations</Link>.
        </EmptyMessage>
      ) : (
        <OverviewTable rows={rows} view={view} />
      )}
    </div>
  );
}

/** "12 organizations", or with a filter "3 of 12 organizations · Failing". */
function countLine(shown: number, total: number, filterLabel: string | null) {
  const all = `${total.toLocaleString("en")} organization${total === 1 ? "" : "s"}`;
  return filterLabel ? `${shown.toLocaleString("en")} of ${all} · ${filterLabel}` : all;
}
