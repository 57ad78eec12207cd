"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { resetStaffPasswordAction } from "./actions";
import { ConfirmedForm } from "@/app/_components/confirmed-form";

export function ResetPasswordForm({ staffId, name }: { staffId: string; name: string }) {
  const [state, action] = useActionState(resetStaffPasswordAction, initialFormState);
  return (
    <ConfirmedForm
      action={action}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      noValidate
      aria-label="Reset password"
      question={`Set a new password for ${name}? Their old one stops working and they are signed out.`}
    >
      <h2 className="text-lg font-semibold">Reset password</h2>
      <FormMessage state={state} />
      <input type="hidden" name="staffId" value={staffId} />
      <NewPasswordField label="New password" errors={state.fieldErrors?.password} />
      <SubmitButton pendingText="Saving…">Set new password</SubmitButton>
    </ConfirmedForm>
  );
}
