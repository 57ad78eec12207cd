"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { NewPasswordField, PasswordAgainField } from "@/app/_components/new-password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { changeOwnPasswordAction } from "./actions";
import { ConfirmedForm } from "@/app/_components/confirmed-form";

export function ChangePasswordForm() {
  const [state, action] = useActionState(changeOwnPasswordAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <ConfirmedForm
      action={action}
      className="max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      noValidate
      aria-label="Change your password"
      question="Change your password? You will be signed out everywhere, here too, and sign in again with the new one."
    >
      <h2 className="text-lg font-semibold">Change your password</h2>
      <FormMessage state={state} />
      <FormField
        name="currentPassword"
        label="Current password"
        type="password"
        errors={errors.currentPassword}
        autoComplete="current-password"
      />
      <NewPasswordField name="newPassword" label="New password" errors={errors.newPassword} />
      <PasswordAgainField label="New password again" errors={errors.confirmPassword} />
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </ConfirmedForm>
  );
}
