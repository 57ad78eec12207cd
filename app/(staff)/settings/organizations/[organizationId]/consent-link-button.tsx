"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { consentLinkAction } from "../actions";

/** Makes a fresh admin consent link; the administrator signs in on Microsoft's page in this browser and Accepts. */
export function ConsentLinkButton({ organizationId }: { organizationId: string }) {
  const [state, action] = useActionState(consentLinkAction, initialFormState);
  const link = state.status === "ok" ? (state.data as { url: string }) : null;
  return (
    <form action={action} className="space-y-3 text-sm">
      <input type="hidden" name="organizationId" value={organizationId} />
      <SubmitButton pendingText="Making the link…">Get the admin consent link</SubmitButton>
      <FormMessage state={state} />
      {link && (
        <p>
          Open it in this browser; the organization&apos;s administrator signs in on Microsoft&apos;s page and Accepts:{" "}
          <a href={link.url} className="break-all" data-testid="admin-consent-link">
            {link.url}
          </a>
        </p>
      )}
    </form>
  );
}
