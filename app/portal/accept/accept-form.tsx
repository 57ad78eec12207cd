"use client";
import { useActionState, useEffect, useRef } from "react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { acceptInvitationAction } from "../actions";

export function AcceptForm({ token, email }: { token: string; email: string }) {
  const [state, action] = useActionState(acceptInvitationAction, initialFormState);
  const router = useRouter();
  const errors = state.fieldErrors ?? {};
  // Kept on submit: the form is cleared once the action answers.
  const typedPassword = useRef("");
  useEffect(() => {
    if (state.status !== "ok") return;
    // The password was just set: sign in with it and open the portal.
    void signIn("portal", { email, password: typedPassword.current, redirect: false }).then(() => router.replace("/portal"));
  }, [state.status, email, router]);
  return (
    <form
      action={action}
      className="space-y-4"
      noValidate
      onSubmit={(event) => (typedPassword.current = String(new FormData(event.currentTarget).get("password") ?? ""))}
    >
      <FormMessage state={state} />
      <input type="hidden" name="token" value={token} />
      <FormField name="password" label="Password" type="password" errors={errors.password} autoComplete="new-password" hint="At least 12 characters." />
      <FormField name="confirmPassword" label="Password again" type="password" errors={errors.confirmPassword} autoComplete="new-password" />
      <SubmitButton pendingText="Saving…">Set password</SubmitButton>
    </form>
  );
}
