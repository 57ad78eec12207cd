import { requireSoleOrganization } from "../sole-organization";
import { MicrosoftAzureTab } from "./microsoft-azure-tab";

export const metadata = { title: "Microsoft Azure" };

export default async function MicrosoftAzurePage() {
  const { actor, organizationId } = await requireSoleOrganization();
  return <MicrosoftAzureTab actor={actor} organizationId={organizationId} basePath="/settings/azure" />;
}
