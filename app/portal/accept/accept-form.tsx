"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { NewPasswordField, PasswordAgainField } from "@/app/_components/new-password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { acceptInvitationAction, setNewPasswordAction } from "../actions";

// The action sets the password, signs the client in and opens the portal: it works without JavaScript too.
// `link` says which link brought the client: an invitation, or "Send me a new link".
export function AcceptForm({ token, link = "invitation" }: { token: string; link?: "invitation" | "new-link" }) {
  const [state, action] = useActionState(
    link === "invitation" ? acceptInvitationAction : setNewPasswordAction,
    initialFormState,
  );
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <NewPasswordField label="Password" errors={errors.password} hint="At least 12 characters." />
      <PasswordAgainField label="Password again" errors={errors.confirmPassword} />
      <SubmitButton pendingText="Saving…">Set password</SubmitButton>
    </form>
  );
}
