"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { initialFormState } from "@/lib/actions/form-state";
import { applyReviewedRunAction } from "../actions";
import { ConfirmedForm } from "@/app/_components/confirmed-form";

export function ApplyAnywayButton({ runId }: { runId: string }) {
  const [state, action, pending] = useActionState(applyReviewedRunAction, initialFormState);
  return (
    <ConfirmedForm
      action={action}
      className="mt-2 space-y-2"
      question="Apply the disables and removals this sync held back?"
    >
      <input type="hidden" name="runId" value={runId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-amber-600 px-3 py-1.5 text-xs font-medium text-white hover:bg-amber-700 disabled:opacity-60"
      >
        Apply anyway
      </button>
      <FormMessage state={state} />
    </ConfirmedForm>
  );
}
