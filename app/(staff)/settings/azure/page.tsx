import { requireSuperuser } from "@/lib/session/current-staff";
import { entraEndpointsFromEnv } from "@/lib/azure";
import { findGroups } from "@/lib/sync-settings/group-search";
import { getSyncSettings } from "@/lib/sync-settings/queries";
import { SyncSettingsForm } from "./sync-settings-form";
import { UsersScopeSection } from "./users-scope/users-scope-section";

export const metadata = { title: "Azure User Sync" };

export default async function AzureUserSyncPage({ searchParams }: { searchParams: Promise<{ findGroups?: string | string[] }> }) {
  const actor = await requireSuperuser();
  const { findGroups: asked } = await searchParams;
  const text = (typeof asked === "string" ? asked : "").trim().slice(0, 100);
  const [settings, result] = await Promise.all([getSyncSettings(actor), text ? findGroups(actor, text) : null]);
  return (
    <SyncSettingsForm settings={settings} authorityHost={entraEndpointsFromEnv().authorityHost}
      below={<UsersScopeSection scope={settings.usersScope} search={{ text, result }} />} />
  );
}
