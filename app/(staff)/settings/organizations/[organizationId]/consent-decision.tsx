"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { initialFormState } from "@/lib/actions/form-state";
import { consentDecisionAction } from "../actions";

/** Confirm or Reject an answer that came from a tenant nobody named in advance; works without JavaScript. */
export function ConsentDecision({
  organizationId,
  requestId,
  tenantId,
}: {
  organizationId: string;
  requestId: string;
  tenantId: string;
}) {
  const [state, action, pending] = useActionState(consentDecisionAction, initialFormState);
  return (
    <form action={action} className="mt-4 space-y-3">
      <input type="hidden" name="organizationId" value={organizationId} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="flex flex-wrap gap-3">
        <button
          type="submit"
          name="decision"
          value="confirm"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white shadow-sm hover:bg-indigo-700 disabled:opacity-60"
        >
          Confirm tenant {tenantId.slice(0, 8)}…
        </button>
        <button
          type="submit"
          name="decision"
          value="reject"
          disabled={pending}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
        >
          Reject
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
