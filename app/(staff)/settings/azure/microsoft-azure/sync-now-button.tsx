"use client";
import { useActionState, useId } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { requestSyncAction } from "../actions";
import { OrganizationField } from "../organization-scope";
import { useCommandInstead } from "./job-engine-down";

/**
 * Asks for a sync (with an optional full listing), or with `preview`, a users preview that changes nothing. While
 * the job engine does not answer it is disabled, and one line names the command that works instead.
 */
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
  const instead = useCommandInstead(kind, preview);
  const insteadId = useId();
  return (
    <form action={action} className="space-y-2">
      <OrganizationField />
      <input type="hidden" name="kind" value={kind} />
      {preview && <input type="hidden" name="preview" value="on" />}
      <div className="flex items-center gap-4">
        <SubmitButton
          pendingText="Requesting…"
          disabled={instead !== null}
          describedBy={instead ? insteadId : undefined}
        >
          {label}
        </SubmitButton>
        {!preview && (
          <label className="flex items-center gap-2 text-sm text-slate-600">
            <input type="checkbox" name="full" disabled={instead !== null} className="h-4 w-4 accent-indigo-600" />
            Full sync (list everything)
          </label>
        )}
      </div>
      {instead && (
        <p id={insteadId} className="text-sm text-amber-900" data-testid="command-instead">
          The job engine does not answer: run <code className="wrap-anywhere">{instead}</code> on the server instead.
        </p>
      )}
      <FormMessage state={state} />
    </form>
  );
}
