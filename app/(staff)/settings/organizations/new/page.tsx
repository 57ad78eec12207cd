import { BackLink } from "@/app/_components/back-link";
import { requireSuperuser } from "@/lib/session/current-staff";
import { OrganizationForm } from "../organization-form";

export const metadata = { title: "Add organization" };

export default async function AddOrganizationPage() {
  await requireSuperuser();
  return (
    <div className="max-w-xl space-y-4">
      <BackLink href="/settings/organizations">Organizations</BackLink>
      <h1 className="text-2xl font-semibold">Add organization</h1>
      <p className="text-sm text-slate-600">
        A customer you support. Next, connect it to its Microsoft Entra tenant on its Settings tab.
      </p>
      <OrganizationForm />
    </div>
  );
}
