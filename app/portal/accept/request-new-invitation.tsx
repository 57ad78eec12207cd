"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { requestNewInvitationAction } from "../actions";

export function RequestNewInvitation({ token }: { token: string }) {
  const [state, action] = useActionState(requestNewInvitationAction, initialFormState);
  return (
    <form action={action} className="mt-4 space-y-3">
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText="Asking…">Send me a new invitation</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
