import { FormField } from "@/app/_components/form-field";
import type { FormState } from "@/lib/actions/form-state";
import type { ClientField } from "@/lib/clients/client-fields";

type Values = Partial<Record<ClientField, string | null>>;

/** The fields of a client added by hand, as the Add client form and a hand-made client's page show them. */
export function ClientFieldInputs({ values, errors }: { values: Values; errors: FormState["fieldErrors"] }) {
  const value = (field: keyof Values) => values[field] ?? "";
  return (
    <>
      <FormField name="name" label="Name" defaultValue={value("name")} errors={errors?.name} autoComplete="off" />
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField
          name="mail"
          label="Mail"
          type="email"
          defaultValue={value("mail")}
          errors={errors?.mail}
          autoComplete="off"
        />
        <FormField
          name="phone"
          label="Phone"
          type="tel"
          defaultValue={value("phone")}
          errors={errors?.phone}
          autoComplete="off"
        />
      </div>
      <FormField
        name="company"
        label="Company"
        defaultValue={value("company")}
        errors={errors?.company}
        autoComplete="off"
      />
      <NotesField value={value("notes")} errors={errors?.notes} />
    </>
  );
}

export function NotesField({ value, errors }: { value?: string | null; errors?: string[] }) {
  return (
    <FormField
      name="notes"
      label="Notes"
      rows={4}
      defaultValue={value ?? ""}
      errors={errors}
      hint="Only Vertask keeps these: no sync changes them."
    />
  );
}
