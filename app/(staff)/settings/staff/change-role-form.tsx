"use client";
import { useActionState } from "react";
import type { StaffRole } from "@/db/schema";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { RoleSelect } from "./role-select";
import { initialFormState } from "@/lib/actions/form-state";
import { changeStaffRoleAction } from "./actions";
import { ConfirmedForm } from "@/app/_components/confirmed-form";

export function ChangeRoleForm({ staffId, name, role }: { staffId: string; name: string; role: StaffRole }) {
  const [state, action] = useActionState(changeStaffRoleAction, initialFormState);
  return (
    <ConfirmedForm
      action={action}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      noValidate
      aria-label="Role"
      question={`Change the role of ${name}? They will be signed out and sign in again.`}
    >
      <h2 className="text-lg font-semibold">Role</h2>
      <FormMessage state={state} />
      <input type="hidden" name="staffId" value={staffId} />
      <RoleSelect defaultValue={role} errors={state.fieldErrors?.role} />
      <SubmitButton pendingText="Saving…">Change role</SubmitButton>
    </ConfirmedForm>
  );
}
