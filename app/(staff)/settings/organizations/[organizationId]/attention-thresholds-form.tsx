"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState, typedOrSaved } from "@/lib/actions/form-state";
import { saveAttentionThresholdsAction } from "./attention-actions";

type Saved = { id: string; staleSignInDays: number; staleCheckInDays: number };

// A server action form: React renders it as a plain POST form, so it works without JavaScript too.
export function AttentionThresholdsForm({ organization }: { organization: Saved }) {
  const [state, action] = useActionState(saveAttentionThresholdsAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const value = typedOrSaved(state);
  return (
    <form
      action={action}
      noValidate
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      aria-label="Devices that need attention"
    >
      <FormMessage state={state} />
      <input type="hidden" name="organizationId" value={organization.id} />
      <FormField
        name="staleSignInDays"
        label="Days without a sign-in"
        type="number"
        defaultValue={value("staleSignInDays", String(organization.staleSignInDays))}
        errors={errors.staleSignInDays}
        hint="A device that has not signed in to Microsoft Entra for longer is stale."
      />
      <FormField
        name="staleCheckInDays"
        label="Days without an Intune check-in"
        type="number"
        defaultValue={value("staleCheckInDays", String(organization.staleCheckInDays))}
        errors={errors.staleCheckInDays}
        hint="A device Intune manages that has not checked in with Intune for longer is stale."
      />
      <SubmitButton pendingText="Saving…">Save Changes</SubmitButton>
    </form>
  );
}
