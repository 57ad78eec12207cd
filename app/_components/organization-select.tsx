import { FormField } from "@/app/_components/form-field";
import type { OrganizationChoice } from "@/lib/organizations/queries";

/**
 * The Organization a client added by hand belongs to: a select shown only with two or more organizations
 * (with one, that one is meant and nothing is asked).
 */
export function OrganizationSelect({
  choices,
  value,
  errors,
}: {
  choices: OrganizationChoice[];
  value?: string | null;
  errors?: string[];
}) {
  if (choices.length < 2) return null;
  const invalid = Boolean(errors?.length);
  return (
    <FormField name="organizationId" label="Organization" errors={errors}>
      <select
        id="organizationId"
        name="organizationId"
        defaultValue={value ?? ""}
        aria-invalid={invalid}
        aria-describedby={invalid ? "organizationId-error" : undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${invalid ? "border-red-500" : "border-slate-300"}`}
      >
        <option value="">Choose an organization</option>
        {choices.map((choice) => (
          <option key={choice.id} value={choice.id}>
            {choice.name}
          </option>
        ))}
      </select>
    </FormField>
  );
}
