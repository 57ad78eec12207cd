"use client";
import { useActionState } from "react";
import { ChoiceGroup } from "@/app/_components/choice-group";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState, typedOrSaved } from "@/lib/actions/form-state";
import type { StaffSignInView } from "@/lib/staff/microsoft-sign-in-settings";
import { ClientIdField } from "../azure/client-id-field";
import { CredentialFields } from "../azure/credential-fields";
import { saveStaffSignInAction } from "./actions";

const passwordChoices = [
  { value: "off", label: "Staff may also sign in with their password" },
  { value: "on", label: "Require Microsoft sign-in for all staff" },
];

/**
 * The provider's tenant, the app staff sign in through (the provider's multi-tenant app, when entered, or an
 * app registration of its own, whose fields CSS hides while the other is chosen: no JavaScript needed), and
 * whether passwords are refused.
 */
export function SignInSettingsForm({ settings }: { settings: StaffSignInView }) {
  const [state, action] = useActionState(saveStaffSignInAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const value = typedOrSaved(state);
  const ownApp = (
    <>
      <ClientIdField
        value={value("clientId", settings.clientId)}
        errors={errors.clientId}
        hint="On the app registration's Overview page in your own Microsoft Entra admin center."
      />
      <CredentialFields
        settings={settings}
        kind={value("credentialKind", settings.credentialKind)}
        value={value}
        errors={errors}
      />
    </>
  );
  return (
    <form
      action={action}
      noValidate
      className="space-y-5 rounded-xl border border-slate-200 bg-white p-6"
      aria-label="Staff sign-in"
    >
      <FormMessage state={state} />
      <FormField
        name="tenantId"
        label="Your tenant's Directory (tenant) ID"
        defaultValue={value("tenantId", settings.tenantId)}
        errors={errors.tenantId}
        autoComplete="off"
        hint="Your own (the provider's) tenant: only its accounts can sign in as staff."
      />
      {settings.providerAppClientId ? (
        <div className="group/app space-y-5">
          <ChoiceGroup
            name="app"
            legend="Sign staff in through"
            choices={[
              { value: "provider", label: `The provider's multi-tenant app (${settings.providerAppClientId})` },
              { value: "own", label: "An app registration of its own" },
            ]}
            defaultValue={value("app", settings.app)}
            errors={errors.app}
            choiceId={(choice) => `app-${choice}`}
          />
          <div className="space-y-5 group-has-[#app-provider:checked]/app:hidden">{ownApp}</div>
        </div>
      ) : (
        <>
          <input type="hidden" name="app" value="own" />
          {ownApp}
        </>
      )}
      <ChoiceGroup
        name="requireMicrosoft"
        legend="Passwords"
        choices={passwordChoices}
        defaultValue={value("requireMicrosoft", settings.requireMicrosoft ? "on" : "off")}
        errors={errors.requireMicrosoft}
        hint="Required: passwords are refused, except for accounts made on the server with npm run create-superuser (the way back in)."
      />
      <SubmitButton pendingText="Saving…">Save sign-in settings</SubmitButton>
    </form>
  );
}
