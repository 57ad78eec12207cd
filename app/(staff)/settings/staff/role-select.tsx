import { SelectField } from "@/app/_components/select-field";

const staffRoles = [
  { value: "technician", label: "Technician" },
  { value: "superuser", label: "Superuser" },
];

/** The staff roles to choose from, for adding a member and for changing one's role. */
export function RoleSelect({ defaultValue, errors }: { defaultValue: string; errors?: string[] }) {
  return <SelectField name="role" label="Role" value={defaultValue} options={staffRoles} errors={errors} />;
}
