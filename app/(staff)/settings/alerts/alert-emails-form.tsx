"use client";
import { useActionState } from "react";
import { ChoiceGroup } from "@/app/_components/choice-group";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { saveAlertEmailsAction } from "./actions";

// A server action form: React renders it as a plain POST form, so it works without JavaScript too.
export function AlertEmailsForm({ alertEmails }: { alertEmails: boolean }) {
  const [state, action] = useActionState(saveAlertEmailsAction, initialFormState);
  return (
    <form action={action} className="space-y-4 rounded-xl border border-slate-200 bg-white p-6" aria-label="Alert mail">
      <FormMessage state={state} />
      <ChoiceGroup
        name="alertEmails"
        legend="Email me about sync problems"
        choices={[
          { value: "on", label: "On" },
          { value: "off", label: "Off" },
        ]}
        defaultValue={alertEmails ? "on" : "off"}
        errors={state.fieldErrors?.alertEmails}
      />
      <SubmitButton pendingText="Saving…">Save</SubmitButton>
    </form>
  );
}
