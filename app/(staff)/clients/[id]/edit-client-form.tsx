"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import type { ClientField } from "@/lib/clients/client-fields";
import { OrganizationSelect } from "@/app/_components/organization-select";
import type { OrganizationChoice } from "@/lib/organizations/queries";
import { ClientFieldInputs, NotesField } from "../client-field-inputs";
import { editClientAction, saveClientNotesAction } from "./actions";

type Saved = Record<ClientField, string | null> & { organizationId: string };

/** A client added by hand: every field can be edited, and its organization (with two or more) chosen again. */
export function EditClientForm({
  clientId,
  values: saved,
  organizations,
}: {
  clientId: string;
  values: Saved;
  organizations: OrganizationChoice[];
}) {
  const [state, action] = useActionState(editClientAction, initialFormState);
  const values: Partial<Saved> = state.status === "error" ? (state.values ?? {}) : saved;
  return (
    <form
      action={action}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      noValidate
      aria-label="Client details"
    >
      <h2 className="text-lg font-semibold">Details</h2>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <OrganizationSelect
        choices={organizations}
        value={values.organizationId}
        errors={state.fieldErrors?.organizationId}
      />
      <ClientFieldInputs values={values} errors={state.fieldErrors} />
      <SubmitButton pendingText="Saving…">Save changes</SubmitButton>
    </form>
  );
}

/** A client from Microsoft Entra: only Notes, which only Vertask keeps, can be edited. */
export function ClientNotesForm({ clientId, notes }: { clientId: string; notes: string | null }) {
  const [state, action] = useActionState(saveClientNotesAction, initialFormState);
  const value = state.status === "error" ? state.values?.notes : notes;
  return (
    <form action={action} className="mt-8 space-y-4 rounded-xl border border-slate-200 bg-white p-6" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="clientId" value={clientId} />
      <NotesField value={value} errors={state.fieldErrors?.notes} />
      <SubmitButton pendingText="Saving…">Save notes</SubmitButton>
    </form>
  );
}
