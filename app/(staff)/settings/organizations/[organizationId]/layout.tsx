import { BackLink } from "@/app/_components/back-link";
import { AzureTabs } from "../../azure/azure-tabs";
import { OrganizationScope } from "../../azure/organization-scope";
import { requireOrganization } from "./require-organization";

/** One organization's Azure User Sync: the same tabs and forms as /settings/azure, about this organization. */
export default async function OrganizationLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ organizationId: string }>;
}) {
  const { organization, basePath } = await requireOrganization(params);
  return (
    <>
      <BackLink href="/settings/organizations">Organizations</BackLink>
      <h1 className="mb-1 text-2xl font-semibold">{organization.name}</h1>
      <p className="mb-4 text-sm text-slate-600">
        {organization.primaryDomain ? `${organization.primaryDomain} · ` : ""}Azure User Sync
      </p>
      <AzureTabs basePath={basePath} />
      <OrganizationScope organizationId={organization.id} basePath={basePath}>
        {children}
      </OrganizationScope>
    </>
  );
}
