import Link from "next/link";
import { requireSuperuser } from "@/lib/session/current-staff";
import { organizationOfConnection, severalOrganizations } from "@/lib/organizations/queries";
import { findPrimaryConnection } from "@/lib/sync-settings/connection-row";
import { AzureTabs } from "./azure-tabs";

/** With several organizations, these pages are the first organization's, and say so. */
async function whichOrganization() {
  if (!(await severalOrganizations())) return null;
  const connection = await findPrimaryConnection();
  return connection ? organizationOfConnection(connection.id) : null;
}

export default async function AzureUserSyncLayout({ children }: { children: React.ReactNode }) {
  await requireSuperuser();
  const organization = await whichOrganization();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Azure User Sync</h1>
      {organization && (
        <p className="mb-4 text-sm text-slate-600" data-testid="azure-organization">
          These are the settings of {organization.name}. Every organization&apos;s are under{" "}
          <Link href="/settings/organizations">Settings → Organizations</Link>.
        </p>
      )}
      <AzureTabs basePath="/settings/azure" />
      {children}
    </>
  );
}
