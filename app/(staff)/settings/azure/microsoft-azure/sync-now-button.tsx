"use client";
import { useActionState } from "react";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import { requestSyncAction } from "../actions";

export function SyncNowButton({ kind, label }: { kind: "users" | "devices"; label: string }) {
  const [state, action] = useActionState(requestSyncAction, initialFormState);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="kind" value={kind} />
      <SubmitButton pendingText="Requesting…">{label}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
