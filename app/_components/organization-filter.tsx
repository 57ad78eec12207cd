import type { OrganizationChoice } from "@/lib/organizations/queries";
import { FilterSelect } from "./list-controls";

/** A list's Organization filter: shown with two or more organizations. */
export function OrganizationFilter({ organizations, value }: { organizations: OrganizationChoice[]; value?: string }) {
  const options = [
    { value: "", label: "Every organization" },
    ...organizations.map((organization) => ({ value: organization.id, label: organization.name })),
  ];
  return <FilterSelect name="organization" label="Organization" value={value} options={options} />;
}
