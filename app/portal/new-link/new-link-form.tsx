"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { requestNewLinkAction } from "../actions";

export function NewLinkForm() {
  const [state, action] = useActionState(requestNewLinkAction, initialFormState);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField
        name="email"
        label="Email"
        type="email"
        defaultValue={state.values?.email}
        errors={state.fieldErrors?.email}
        autoComplete="email"
      />
      <SubmitButton pendingText="Sending…">Send me a new link</SubmitButton>
    </form>
  );
}
