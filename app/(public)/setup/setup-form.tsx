"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { createFirstSuperuserAction } from "./actions";

export function SetupForm() {
  const [state, action] = useActionState(createFirstSuperuserAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <FormField
        name="setupCode"
        label="Setup code"
        errors={errors.setupCode}
        autoComplete="off"
        hint="Printed in the server log at start, or run npm run setup-code on the server."
      />
      <FormField name="name" label="Name" defaultValue={state.values?.name} errors={errors.name} autoComplete="name" />
      <FormField
        name="email"
        label="Email"
        type="email"
        defaultValue={state.values?.email}
        errors={errors.email}
        autoComplete="email"
      />
      <FormField
        name="password"
        label="Password"
        type="password"
        errors={errors.password}
        autoComplete="new-password"
        hint="At least 12 characters, not a common password."
      />
      <SubmitButton pendingText="Creating…">Create superuser</SubmitButton>
    </form>
  );
}
