"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { savePortalSignInAction } from "../actions";

/** The two ticks of "Clients sign in to the portal with Microsoft": the redirect URI registered, and the setting itself. */
export function PortalSignInForm({
  organizationId,
  registered,
  enabled,
}: {
  organizationId: string;
  registered: boolean;
  enabled: boolean;
}) {
  const [state, action] = useActionState(savePortalSignInAction, initialFormState);
  const typed = state.status === "error" ? state.values : undefined;
  return (
    <form action={action} noValidate className="space-y-3" aria-label="Client portal sign-in">
      <FormMessage state={state} />
      <input type="hidden" name="organizationId" value={organizationId} />
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="registered"
          defaultChecked={typed ? "registered" in typed : registered}
          className="h-4 w-4 accent-indigo-600"
        />
        I registered this redirect URI on that app
      </label>
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          name="enabled"
          defaultChecked={typed ? "enabled" in typed : enabled}
          className="h-4 w-4 accent-indigo-600"
        />
        Clients sign in to the portal with Microsoft
      </label>
      <SubmitButton pendingText="Saving…">Save portal sign-in</SubmitButton>
    </form>
  );
}
