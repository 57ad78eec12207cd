"use client";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
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
      <FormField
        name="password"
        label="Password"
        type="password"
        errors={errors.password}
        autoComplete="new-password"
        hint="At least 12 characters, not a common password."
      />
      <FormField name="role" label="Role" errors={errors.role}>
        <select
          id="role"
          name="role"
          defaultValue={values.role ?? "technician"}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="technician">Technician</option>
          <option value="superuser">Superuser</option>
        </select>
      </FormField>
      <SubmitButton pendingText="Adding…">Add staff member</SubmitButton>
    </form>
  );
}
