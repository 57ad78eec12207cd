"use client";
import { useActionState, useState, useTransition } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { NewPasswordField, PasswordAgainField } from "@/app/_components/new-password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState, type FormState } from "@/lib/actions/form-state";
import { changeOwnPasswordAction } from "./actions";

const question =
  "Change your password? You will be signed out everywhere, here too, and sign in again with the new one.";

/**
 * With JavaScript the fields are checked on the server first (rules, then the current password), and only a change
 * that would go through asks "signed out everywhere?". Without it the form posts confirmed at once.
 */
export function ChangePasswordForm() {
  const [state, action] = useActionState(changeOwnPasswordAction, initialFormState);
  // What the check said, shown until the confirmed change answers.
  const [checked, setChecked] = useState<FormState | null>(null);
  const [checking, startChecking] = useTransition();
  const shown = checked ?? state;
  const errors = shown.fieldErrors ?? {};

  function checkThenConfirm(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    data.delete("confirmed");
    startChecking(async () => {
      const answer = await changeOwnPasswordAction(initialFormState, data);
      if (answer.status !== "ok") return setChecked(answer);
      if (!confirm(question)) return setChecked({ status: "error", message: "Your password was not changed." });
      setChecked(null);
      data.set("confirmed", "yes");
      // After an await the transition has ended: the confirmed change starts its own.
      startChecking(() => action(data));
    });
  }

  return (
    <form
      action={action}
      onSubmit={checkThenConfirm}
      className="max-w-md space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      noValidate
      aria-label="Change your password"
    >
      <h2 className="text-lg font-semibold">Change your password</h2>
      <FormMessage state={shown} />
      <input type="hidden" name="confirmed" value="yes" />
      <FormField
        name="currentPassword"
        label="Current password"
        type="password"
        errors={errors.currentPassword}
        autoComplete="current-password"
      />
      <NewPasswordField name="newPassword" label="New password" errors={errors.newPassword} />
      <PasswordAgainField label="New password again" errors={errors.confirmPassword} />
      <SubmitButton pendingText="Changing…" disabled={checking}>
        Change password
      </SubmitButton>
    </form>
  );
}
