import { AzureSettingsTab } from "./settings-tab";
import { requireSoleOrganization } from "./sole-organization";

export const metadata = { title: "Azure User Sync" };

export default async function AzureUserSyncPage() {
  const { actor, organizationId } = await requireSoleOrganization();
  return <AzureSettingsTab actor={actor} organizationId={organizationId} />;
}
