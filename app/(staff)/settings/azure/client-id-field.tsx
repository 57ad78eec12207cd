import { FormField } from "@/app/_components/form-field";

/** The app registration's Application (client) ID, as the setup guide names it; `hint` says where to find it. */
export function ClientIdField({ value, errors, hint }: { value: string; errors?: string[]; hint: string }) {
  return (
    <FormField
      name="clientId"
      label="Application (client) ID"
      defaultValue={value}
      errors={errors}
      autoComplete="off"
      hint={hint}
    />
  );
}
