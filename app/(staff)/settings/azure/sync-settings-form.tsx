"use client";
import { useActionState, useState } from "react";
import { ChoiceGroup } from "@/app/_components/choice-group";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SelectField } from "@/app/_components/select-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState, typedOrSaved } from "@/lib/actions/form-state";
import { frequencyLabels } from "@/lib/connections/frequencies";
import type { SyncSettingsView } from "@/lib/connections";
import { saveSyncSettingsAction } from "./actions";
import { SetupHelp } from "./setup-help";
import { CredentialFields } from "./credential-fields";
import { ClientIdField } from "./client-id-field";
import { ConnectWithChoice } from "./connect-with-choice";
import { OrganizationField } from "./organization-scope";

const yesNoChoices = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
];

type FieldValue = (field: string, saved: string) => string;

const frequencyChoices = Object.entries(frequencyLabels).map(([value, label]) => ({ value, label }));

function SyncFrequencyField({ value, errors }: { value: string; errors?: string[] }) {
  return (
    <SelectField name="syncFrequency" label="Sync frequency" value={value} options={frequencyChoices} errors={errors} />
  );
}

/** The app registration Vertask signs in as (the own-app way of connecting): its ids and credential. */
function AppRegistrationFields({
  settings,
  value,
  errors,
}: {
  settings: SyncSettingsView;
  value: FieldValue;
  errors: Record<string, string[] | undefined>;
}) {
  return (
    <>
      <ClientIdField
        value={value("clientId", settings.clientId)}
        errors={errors.clientId}
        hint="On the app's Overview page in the Microsoft Entra admin center."
      />
      <FormField
        name="tenantId"
        label="Directory (tenant) ID"
        defaultValue={value("tenantId", settings.tenantId)}
        errors={errors.tenantId}
        autoComplete="off"
        hint="On the same Overview page. A domain such as contoso.onmicrosoft.com also works."
      />
      <CredentialFields
        settings={settings}
        kind={value("credentialKind", settings.credentialKind)}
        value={value}
        errors={errors}
      />
    </>
  );
}

/** The settings form beside the setup help; `below` goes under the form, in its column. */
export function SyncSettingsForm({
  settings,
  authorityHost,
  below,
}: {
  settings: SyncSettingsView;
  authorityHost: string;
  below?: React.ReactNode;
}) {
  const [state, action] = useActionState(saveSyncSettingsAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const value = typedOrSaved(state);
  const [ids, setIds] = useState({ clientId: settings.clientId, tenantId: settings.tenantId });

  return (
    <div className="grid items-start gap-8 lg:grid-cols-[3fr_2fr]">
      <div className="space-y-8">
        <form
          action={action}
          noValidate
          className="space-y-5 rounded-xl border border-slate-200 bg-white p-6"
          aria-label="Azure User Sync settings"
          onChange={(event) => {
            const input = event.target;
            if (input instanceof HTMLInputElement && (input.name === "clientId" || input.name === "tenantId")) {
              setIds((current) => ({ ...current, [input.name]: input.value.trim() }));
            }
          }}
        >
          <FormMessage state={state} />
          <OrganizationField />
          <ChoiceGroup
            name="status"
            legend="Status"
            defaultValue={value("status", settings.enabled ? "enabled" : "disabled")}
            errors={errors.status}
            choices={[
              { value: "enabled", label: "Enabled" },
              { value: "disabled", label: "Disabled" },
            ]}
          />
          <SyncFrequencyField value={value("syncFrequency", settings.syncFrequency)} errors={errors.syncFrequency} />
          <ConnectWithChoice
            offered={settings.providerAppEntered || settings.method === "provider_app"}
            method={value("connectWith", settings.method)}
            errors={errors}
          >
            <AppRegistrationFields settings={settings} value={value} errors={errors} />
          </ConnectWithChoice>
          <ChoiceGroup
            name="syncExternalUsers"
            legend="Sync external users"
            defaultValue={value("syncExternalUsers", settings.syncExternalUsers ? "yes" : "no")}
            errors={errors.syncExternalUsers}
            choices={yesNoChoices}
          />
          <ChoiceGroup
            name="inviteToPortal"
            legend="Invite synced users to the client portal"
            defaultValue={value("inviteToPortal", settings.inviteToPortal ? "yes" : "no")}
            errors={errors.inviteToPortal}
            choices={yesNoChoices}
            hint={<InviteHint clientsToInvite={settings.clientsToInvite} />}
          />
          <SubmitButton pendingText="Saving…">Save Changes</SubmitButton>
        </form>
        {below}
      </div>
      <SetupHelp
        authorityHost={authorityHost}
        clientId={ids.clientId}
        tenantId={ids.tenantId}
        groupScope={settings.usersScope.mode === "groups"}
      />
    </div>
  );
}

/** Who gets an invitation and, while it is off, how many clients turning it on would invite at the next users sync. */
function InviteHint({ clientsToInvite }: { clientsToInvite: number | null }) {
  const count =
    clientsToInvite === null
      ? null
      : clientsToInvite === 0
        ? "no client"
        : clientsToInvite === 1
          ? "1 client"
          : `${clientsToInvite.toLocaleString("en")} clients`;
  return (
    <>
      After each users sync, every synced client who is active and has a mail address gets one invitation to set a
      password for the client portal (guests only while Sync external users is on); nobody is invited twice, and clients
      added by hand are not invited.
      {count !== null && (
        <span data-testid="invite-count">
          {" "}
          Saved as Yes, the next users sync would invite {count} already synced, and anyone new it brings in.
        </span>
      )}
    </>
  );
}
