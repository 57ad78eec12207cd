import { MicrosoftAzureTab } from "../../../azure/microsoft-azure/microsoft-azure-tab";
import { requireOrganization } from "../require-organization";

export const metadata = { title: "Microsoft Azure" };

export default async function OrganizationMicrosoftAzurePage({
  params,
}: {
  params: Promise<{ organizationId: string }>;
}) {
  const { actor, organization, basePath } = await requireOrganization(params);
  return <MicrosoftAzureTab actor={actor} organizationId={organization.id} basePath={basePath} />;
}
