import type { Actor } from "@/lib/auth/authorize";
import { entraEndpointsFromEnv } from "@/lib/azure";
import { findGroups, getSyncSettings } from "@/lib/connections";
import { SyncSettingsForm } from "./sync-settings-form";
import { UsersScopeSection } from "./users-scope/users-scope-section";

type Props = {
  actor: Actor;
  organizationId: string;
  basePath: string;
  findGroupsText: string;
  above?: React.ReactNode;
};

/** The Settings tab of Azure User Sync, for the single organization (/settings/azure) or one of several. */
export async function AzureSettingsTab({ actor, organizationId, basePath, findGroupsText, above }: Props) {
  const text = findGroupsText.trim().slice(0, 100);
  const [settings, result] = await Promise.all([
    getSyncSettings(actor, organizationId),
    text ? findGroups(actor, text, organizationId) : null,
  ]);
  return (
    <>
      {above}
      {/* Remounted when a consent binds a tenant (and may turn Status on), so its fields never show the values from
          before; a save of the form itself keeps it mounted, with its message. */}
      <SyncSettingsForm
        key={settings.consentedTenantId ?? "no consent"}
        settings={settings}
        authorityHost={entraEndpointsFromEnv().authorityHost}
        below={<UsersScopeSection scope={settings.usersScope} search={{ text, result }} basePath={basePath} />}
      />
    </>
  );
}
