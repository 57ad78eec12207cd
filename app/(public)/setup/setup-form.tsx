"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { EmailAndPasswordFields } from "../email-and-password-fields";
import { createFirstSuperuserAction } from "./actions";

/** After an error the setup code, name and email stay as typed, and every field says its problem at once. */
export function SetupForm() {
  const [state, action] = useActionState(createFirstSuperuserAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField
        name="setupCode"
        label="Setup code"
        defaultValue={state.values?.setupCode}
        errors={errors.setupCode}
        autoComplete="off"
        hint="Printed in the server log at start, or run npm run setup-code on the server."
      />
      <FormField name="name" label="Name" defaultValue={state.values?.name} errors={errors.name} autoComplete="name" />
      <EmailAndPasswordFields
        state={state}
        passwordAutoComplete="new-password"
        passwordHint="At least 12 characters, not a common password."
      />
      <SubmitButton pendingText="Creating…">Create superuser</SubmitButton>
    </form>
  );
}
