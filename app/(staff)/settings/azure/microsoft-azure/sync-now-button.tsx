"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { requestSyncAction } from "../actions";
import { OrganizationField } from "../organization-scope";

/** Asks for a sync (with an optional full listing), or with `preview`, a users preview that changes nothing. */
export function SyncNowButton({
  kind,
  label,
  preview = false,
}: {
  kind: "users" | "devices";
  label: string;
  preview?: boolean;
}) {
  const [state, action] = useActionState(requestSyncAction, initialFormState);
  return (
    <form action={action} className="space-y-2">
      <OrganizationField />
      <input type="hidden" name="kind" value={kind} />
      {preview && <input type="hidden" name="preview" value="on" />}
      <div className="flex items-center gap-4">
        <SubmitButton pendingText="Requesting…">{label}</SubmitButton>
        {!preview && (
          <label className="flex items-center gap-2 text-sm text-slate-600">
            <input type="checkbox" name="full" className="h-4 w-4 accent-indigo-600" />
            Full sync (list everything)
          </label>
        )}
      </div>
      <FormMessage state={state} />
    </form>
  );
}
