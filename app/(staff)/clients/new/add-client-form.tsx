"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { ClientFieldInputs } from "../client-field-inputs";
import { addClientAction } from "./actions";

export function AddClientForm() {
  const [state, action] = useActionState(addClientAction, initialFormState);
  return (
    <form action={action} className="max-w-2xl space-y-4 rounded-xl border border-slate-200 bg-white p-6" noValidate aria-label="Add client">
      <FormMessage state={state} />
      <ClientFieldInputs values={state.values ?? {}} errors={state.fieldErrors} />
      <SubmitButton pendingText="Adding…">Add client</SubmitButton>
    </form>
  );
}
