"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { OrganizationSelect } from "@/app/_components/organization-select";
import type { OrganizationChoice } from "@/lib/organizations/queries";
import { ClientFieldInputs } from "../client-field-inputs";
import { addClientAction } from "./actions";

export function AddClientForm({ organizations }: { organizations: OrganizationChoice[] }) {
  const [state, action] = useActionState(addClientAction, initialFormState);
  return (
    <form
      action={action}
      className="max-w-2xl space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      noValidate
      aria-label="Add client"
    >
      <FormMessage state={state} />
      <OrganizationSelect
        choices={organizations}
        value={state.values?.organizationId}
        errors={state.fieldErrors?.organizationId}
      />
      <ClientFieldInputs values={state.values ?? {}} errors={state.fieldErrors} />
      <SubmitButton pendingText="Adding…">Add client</SubmitButton>
    </form>
  );
}
