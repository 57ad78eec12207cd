import { AzureSettingsTab } from "./settings-tab";
import { requireSoleOrganization } from "./sole-organization";

export const metadata = { title: "Azure User Sync" };

export default async function AzureUserSyncPage({
  searchParams,
}: {
  searchParams: Promise<{ findGroups?: string | string[] }>;
}) {
  const { actor, organizationId } = await requireSoleOrganization();
  const { findGroups: asked } = await searchParams;
  return (
    <AzureSettingsTab
      actor={actor}
      organizationId={organizationId}
      basePath="/settings/azure"
      findGroupsText={typeof asked === "string" ? asked : ""}
    />
  );
}
