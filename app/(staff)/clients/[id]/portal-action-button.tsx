"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { initialFormState } from "@/lib/actions/form-state";
import { resendInvitationAction, revokePortalAccessAction } from "./actions";
import { ConfirmedForm } from "@/app/_components/confirmed-form";

export function PortalActionButton({
  clientId,
  kind,
  label,
}: {
  clientId: string;
  kind: "resend" | "revoke";
  label: string;
}) {
  const [state, action, pending] = useActionState(
    kind === "resend" ? resendInvitationAction : revokePortalAccessAction,
    initialFormState,
  );
  return (
    <ConfirmedForm
      action={action}
      className="space-y-2"
      question={kind === "revoke" ? "Revoke this client's portal access? They are signed out at once." : null}
    >
      <input type="hidden" name="clientId" value={clientId} />
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md px-3 py-1.5 text-sm font-medium disabled:opacity-60 ${kind === "revoke" ? "border border-red-300 text-red-700 hover:bg-red-50" : "bg-indigo-600 text-white hover:bg-indigo-700"}`}
      >
        {label}
      </button>
      <FormMessage state={state} />
    </ConfirmedForm>
  );
}
