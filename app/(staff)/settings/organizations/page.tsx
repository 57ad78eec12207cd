import Link from "next/link";
import { requireSuperuser } from "@/lib/session/current-staff";
import { organizationsOverview } from "@/lib/organization-overview/overview";
import { parseOverviewSort, sortOverview } from "@/lib/organization-overview/sorting";
import { consentRefusalMessage } from "@/lib/sync-settings/consent-refusals";
import { OverviewTable } from "./overview-table";

export const metadata = { title: "Organizations" };

type Search = { sort?: string; dir?: string; consent?: string };

export default async function OrganizationsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireSuperuser();
  const search = await searchParams;
  const sorted = parseOverviewSort(search.sort, search.dir);
  const rows = sortOverview(await organizationsOverview(actor), sorted.sort, sorted.direction);
  const refusal = consentRefusalMessage(search.consent);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Organizations</h1>
        <div className="flex gap-3 text-sm">
          <Link href="/settings/organizations/provider-app" className="rounded-md border border-slate-300 bg-white px-3 py-2 font-medium no-underline hover:bg-slate-50">Provider app</Link>
          <Link href="/settings/organizations/new" className="rounded-md bg-indigo-600 px-3 py-2 font-medium text-white no-underline hover:bg-indigo-700">Add organization</Link>
        </div>
      </div>
      {refusal && <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="consent-refusal">{refusal}</p>}
      <p className="text-sm text-slate-600">
        Each organization connects to its own Microsoft Entra tenant: with an app registered in that tenant (the setup guide&apos;s steps), or with your
        provider app, which the organization&apos;s administrator consents to. {rows.length.toLocaleString("en")} organization{rows.length === 1 ? "" : "s"}.
      </p>
      <OverviewTable rows={rows} sorted={sorted} />
    </div>
  );
}
