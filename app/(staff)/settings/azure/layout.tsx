import { AzureTabs } from "./azure-tabs";
import { OrganizationScope } from "./organization-scope";
import { requireSoleOrganization } from "./sole-organization";

export default async function AzureUserSyncLayout({ children }: { children: React.ReactNode }) {
  const { organizationId } = await requireSoleOrganization();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Azure User Sync</h1>
      <AzureTabs basePath="/settings/azure" />
      <OrganizationScope organizationId={organizationId} basePath="/settings/azure">
        {children}
      </OrganizationScope>
    </>
  );
}
