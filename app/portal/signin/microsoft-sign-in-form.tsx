"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { portalMicrosoftSignInAction } from "../actions";

/**
 * "Sign in with Microsoft": from an invitation's link the organization is known and one button is enough; otherwise
 * the work address's domain says which organization's tenant to send the person to.
 */
export function MicrosoftSignInForm({ organizationId }: { organizationId: string | null }) {
  const [state, action] = useActionState(portalMicrosoftSignInAction, initialFormState);
  return (
    <form action={action} className="mt-6 space-y-4" noValidate aria-label="Sign in with Microsoft">
      <FormMessage state={state} />
      {organizationId ? (
        <input type="hidden" name="organizationId" value={organizationId} />
      ) : (
        <FormField
          name="workEmail"
          label="Work email"
          type="email"
          defaultValue={state.values?.workEmail}
          errors={state.fieldErrors?.workEmail}
          autoComplete="email"
        />
      )}
      <SubmitButton pendingText="Opening Microsoft…">Sign in with Microsoft</SubmitButton>
    </form>
  );
}
