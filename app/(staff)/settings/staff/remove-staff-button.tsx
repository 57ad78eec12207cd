"use client";
import { useActionState } from "react";
import { initialFormState } from "@/lib/actions/form-state";
import { removeStaffMemberAction } from "./actions";
import { ConfirmedForm } from "@/app/_components/confirmed-form";

export function RemoveStaffButton({ staffId, name }: { staffId: string; name: string }) {
  const [state, action, pending] = useActionState(removeStaffMemberAction, initialFormState);
  return (
    <ConfirmedForm action={action} question={`Remove ${name}? They will no longer be able to sign in.`}>
      <input type="hidden" name="staffId" value={staffId} />
      <button
        type="submit"
        disabled={pending}
        className="text-sm text-red-700 hover:underline"
        aria-label={`Remove ${name}`}
      >
        Remove
      </button>
      {state.status === "error" && (
        <p role="alert" className="text-xs text-red-700">
          {state.message}
        </p>
      )}
    </ConfirmedForm>
  );
}
