"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import type { ProviderAppView } from "@/lib/credentials";
import { CredentialFields } from "../../azure/credential-fields";
import { saveProviderAppAction } from "../actions";

/** The provider's multi-tenant app: its Application (client) ID and a Client secret or a certificate (a multipart post). */
export function ProviderAppForm({ app }: { app: ProviderAppView }) {
  const [state, action] = useActionState(saveProviderAppAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const typed = state.status === "error" ? (state.values ?? {}) : {};
  const value = (field: string, saved: string) => typed[field] ?? saved;
  return (
    <form
      action={action}
      noValidate
      className="space-y-5 rounded-xl border border-slate-200 bg-white p-6"
      aria-label="Provider app"
    >
      <FormMessage state={state} />
      <FormField
        name="clientId"
        label="Application (client) ID"
        defaultValue={value("clientId", app.clientId)}
        errors={errors.clientId}
        autoComplete="off"
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
