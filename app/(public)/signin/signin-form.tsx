"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { EmailAndPasswordFields } from "../email-and-password-fields";
import { signInAction } from "./actions";

export function SignInForm() {
  const [state, action] = useActionState(signInAction, initialFormState);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      <FormMessage state={state} />
      <EmailAndPasswordFields state={state} passwordAutoComplete="current-password" />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
