import type { Actor } from "@/lib/auth/authorize";
import { entraEndpointsFromEnv } from "@/lib/azure";
import { getSyncSettings } from "@/lib/connections";
import { SyncSettingsForm } from "./sync-settings-form";
import { UsersScopeSection } from "./users-scope/users-scope-section";

type Props = {
  actor: Actor;
  organizationId: string;
  above?: React.ReactNode;
};

/** The Settings tab of Azure User Sync, for the single organization (/settings/azure) or one of several. */
export async function AzureSettingsTab({ actor, organizationId, above }: Props) {
  const settings = await getSyncSettings(actor, organizationId);
  return (
    <>
      {above}
      {/* Remounted when a consent binds a tenant (and may turn Status on), so its fields never show the values from
          before; a save of the form itself keeps it mounted, with its message. */}
      <SyncSettingsForm
        key={settings.consentedTenantId ?? "no consent"}
        settings={settings}
        authorityHost={entraEndpointsFromEnv().authorityHost}
        below={<UsersScopeSection scope={settings.usersScope} />}
      />
    </>
  );
}
