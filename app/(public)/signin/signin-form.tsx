"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { signInAction } from "./actions";

export function SignInForm() {
  const [state, action] = useActionState(signInAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <FormMessage state={state} />
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
        autoComplete="current-password"
      />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
