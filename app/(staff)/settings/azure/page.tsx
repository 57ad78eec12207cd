import { requireSuperuser } from "@/lib/session/current-staff";
import { AzureSettingsTab } from "./settings-tab";

export const metadata = { title: "Azure User Sync" };

export default async function AzureUserSyncPage({ searchParams }: { searchParams: Promise<{ findGroups?: string | string[] }> }) {
  const actor = await requireSuperuser();
  const { findGroups: asked } = await searchParams;
  return <AzureSettingsTab actor={actor} basePath="/settings/azure" findGroupsText={typeof asked === "string" ? asked : ""} />;
}
