import { requireSuperuser } from "@/lib/session/current-staff";
import { entraEndpointsFromEnv } from "@/lib/azure";
import { getSyncSettings } from "@/lib/sync-settings/queries";
import { SyncSettingsForm } from "./sync-settings-form";

export const metadata = { title: "Azure User Sync" };

export default async function AzureUserSyncPage() {
  const actor = await requireSuperuser();
  const settings = await getSyncSettings(actor);
  return <SyncSettingsForm settings={settings} authorityHost={entraEndpointsFromEnv().authorityHost} />;
}
