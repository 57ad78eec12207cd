"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { initialFormState } from "@/lib/actions/form-state";
import { cancelSyncAction } from "./actions";
import { ConfirmedForm } from "@/app/_components/confirmed-form";

/** "Cancel sync" for a queued or running run, on the Microsoft Azure tab and in the run history. */
export function CancelSyncButton({ runId, noun }: { runId: string; noun: string }) {
  const [state, action, pending] = useActionState(cancelSyncAction, initialFormState);
  return (
    <ConfirmedForm
      action={action}
      className="mt-2 space-y-2"
      question={`Cancel this sync of ${noun}? What it has written so far is kept; nothing is disabled or removed.`}
    >
      <input type="hidden" name="runId" value={runId} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-xs font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-60"
      >
        {pending ? "Cancelling…" : "Cancel sync"}
      </button>
      <FormMessage state={state} />
    </ConfirmedForm>
  );
}
