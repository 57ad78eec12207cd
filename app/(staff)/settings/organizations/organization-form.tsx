"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState, typedOrSaved } from "@/lib/actions/form-state";
import { addOrganizationAction, renameOrganizationAction } from "./actions";

type Saved = { id: string; name: string; primaryDomain: string | null };

/** "Add organization", or with `organization` its name and primary domain to change. */
export function OrganizationForm({ organization }: { organization?: Saved }) {
  const [state, action] = useActionState(
    organization ? renameOrganizationAction : addOrganizationAction,
    initialFormState,
  );
  const errors = state.fieldErrors ?? {};
  const value = typedOrSaved(state);
  return (
    <form
      action={action}
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      aria-label={organization ? "Organization" : "Add organization"}
    >
      <FormMessage state={state} />
      {organization && <input type="hidden" name="organizationId" value={organization.id} />}
      <FormField
        name="name"
        label="Name"
        defaultValue={value("name", organization?.name ?? "")}
        errors={errors.name}
        autoComplete="organization"
        hint="The customer's name as your staff know it."
      />
      <FormField
        name="primaryDomain"
        label="Primary domain"
        defaultValue={value("primaryDomain", organization?.primaryDomain ?? "")}
        errors={errors.primaryDomain}
        autoComplete="off"
        hint="Optional: the domain its people's addresses end with, such as contoso.com."
      />
      <SubmitButton pendingText="Saving…">{organization ? "Save name and domain" : "Add organization"}</SubmitButton>
    </form>
  );
}
