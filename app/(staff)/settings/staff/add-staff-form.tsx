"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { SubmitButton } from "@/app/_components/submit-button";
import { RoleSelect } from "./role-select";
import { initialFormState } from "@/lib/actions/form-state";
import { addStaffMemberAction } from "./actions";

export function AddStaffForm() {
  const [state, action] = useActionState(addStaffMemberAction, initialFormState);
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form
      action={action}
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-6"
      noValidate
      aria-label="Add staff member"
    >
      <h2 className="text-lg font-semibold">Add staff member</h2>
      <FormMessage state={state} />
      <FormField name="name" label="Name" defaultValue={values.name} errors={errors.name} />
      <FormField name="email" label="Email" type="email" defaultValue={values.email} errors={errors.email} />
      <NewPasswordField label="Password" errors={errors.password} />
      <RoleSelect defaultValue={values.role ?? "technician"} errors={errors.role} />
      <SubmitButton pendingText="Adding…">Add staff member</SubmitButton>
    </form>
  );
}
