"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState, typedOrSaved } from "@/lib/actions/form-state";
import type { ProviderAppView } from "@/lib/credentials";
import { CredentialFields } from "../../azure/credential-fields";
import { ClientIdField } from "../../azure/client-id-field";
import { saveProviderAppAction } from "../actions";

/** The provider's multi-tenant app: its Application (client) ID and a Client secret or a certificate (a multipart post). */
export function ProviderAppForm({ app }: { app: ProviderAppView }) {
  const [state, action] = useActionState(saveProviderAppAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const value = typedOrSaved(state);
  return (
    <form
      action={action}
      noValidate
      className="space-y-5 rounded-xl border border-slate-200 bg-white p-6"
      aria-label="Provider app"
    >
      <FormMessage state={state} />
      <ClientIdField
        value={value("clientId", app.clientId)}
        errors={errors.clientId}
        hint="On the multi-tenant app's Overview page in your own (the provider's) Microsoft Entra admin center."
      />
      <CredentialFields
        settings={app}
        kind={value("credentialKind", app.credentialKind)}
        value={value}
        errors={errors}
      />
      <SubmitButton pendingText="Saving…">Save provider app</SubmitButton>
    </form>
  );
}
