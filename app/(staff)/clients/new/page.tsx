import Link from "next/link";
import { BackLink } from "@/app/_components/back-link";
import { requireStaff } from "@/lib/session/current-staff";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { AddClientForm } from "./add-client-form";

export const metadata = { title: "Add client" };

export default async function NewClientPage() {
  const actor = await requireStaff();
  const organizations = await listOrganizationChoices(actor);
  return (
    <>
      <BackLink href="/clients">Clients</BackLink>
      <h1 className="text-2xl font-semibold">Add client</h1>
      <p className="mt-1 mb-6 max-w-2xl text-sm text-slate-600">
        A client added by hand is kept only in Vertask: no sync changes it. To add many at once,{" "}
        <Link href="/clients/import">import a CSV file</Link>.
      </p>
      <AddClientForm organizations={organizations} />
    </>
  );
}
