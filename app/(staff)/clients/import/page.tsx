import { BackLink } from "@/app/_components/back-link";
import { requireStaff } from "@/lib/session/current-staff";
import { importLimits } from "@/lib/clients/import-rows";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { ClientImport } from "./client-import";

export const metadata = { title: "Import clients" };

export default async function ImportClientsPage() {
  const actor = await requireStaff();
  const organizations = await listOrganizationChoices(actor);
  return (
    <>
      <BackLink href="/clients">Clients</BackLink>
      <h1 className="text-2xl font-semibold">Import clients</h1>
      <div className="mt-1 mb-6 max-w-2xl space-y-1 text-sm text-slate-600" id="file-hint">
        <p>
          Upload a CSV file (UTF-8, comma or semicolon separated) whose first line names the columns:{" "}
          <strong>Name</strong> (or Display name), Mail (or Email), Phone, Company, Notes. Only Name is required.
        </p>
        <p>
          You see every row and its problems before anything is saved. A file with any bad row is not imported at all.
          At most {importLimits.bytes / 1024 / 1024} MB and {importLimits.rows.toLocaleString("en")} clients a file.
        </p>
      </div>
      <ClientImport organizations={organizations} />
    </>
  );
}
