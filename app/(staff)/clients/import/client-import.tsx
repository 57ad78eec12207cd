"use client";
import Link from "next/link";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import type { ImportPreview as Preview } from "@/lib/clients/import-rows";
import { clientImportAction, type PreviewData } from "./actions";
import { ImportPreview } from "./import-preview";
import { OrganizationSelect } from "@/app/_components/organization-select";
import type { OrganizationChoice } from "@/lib/organizations/queries";

const count = (n: number, noun: string) => `${n.toLocaleString("en")} ${noun}${n === 1 ? "" : "s"}`;

/** " into Contoso" when an organization was chosen (there are two or more). */
const into = (organizations: OrganizationChoice[], id: string | null) => {
  const chosen = id && organizations.find((organization) => organization.id === id);
  return chosen ? ` into ${chosen.name}` : "";
};

/**
 * Step 1 uploads the file and shows its preview; step 2 posts the file's content again (a hidden field) to
 * import it. Both are plain form posts, so the import works without JavaScript.
 */
export function ClientImport({ organizations }: { organizations: OrganizationChoice[] }) {
  const [state, action] = useActionState(clientImportAction, initialFormState);
  const previewed = state.status === "ok" && state.data ? (state.data as PreviewData) : null;
  if (state.status === "ok" && !previewed) {
    return (
      <div className="max-w-2xl space-y-3 rounded-xl border border-slate-200 bg-white p-6">
        <FormMessage state={state} />
        <p className="text-sm">
          <Link href="/clients?source=manual&sort=updated">See them in the client list</Link> ·{" "}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load starts the form afresh; a Link to this same page would keep its state */}
          <a href="/clients/import">Import another file</a>
        </p>
      </div>
    );
  }
  // A refused import brings the file's rows back, checked again.
  const rows = previewed?.preview ?? (state.status === "error" ? (state.data as Preview | undefined) : undefined);
  const fileError = state.fieldErrors?.file;
  return (
    <div className="space-y-6">
      <form
        action={action}
        className="max-w-2xl space-y-4 rounded-xl border border-slate-200 bg-white p-6"
        noValidate
        aria-label="Upload"
      >
        {fileError && <FormMessage state={state} />}
        <input type="hidden" name="step" value="preview" />
        <OrganizationSelect
          choices={organizations}
          value={previewed?.organizationId ?? state.values?.organizationId}
          errors={state.fieldErrors?.organizationId}
        />
        <FormField name="file" label="CSV file" errors={fileError}>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={Boolean(fileError)}
            aria-describedby={fileError ? "file-error" : "file-hint"}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-slate-200"
          />
        </FormField>
        <SubmitButton pendingText="Reading…">Preview</SubmitButton>
      </form>
      {state.status === "error" && !fileError && <FormMessage state={state} />}
      {previewed && previewed.preview.rowsWithProblems > 0 && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {previewed.fileName}: {previewed.preview.rowsWithProblems.toLocaleString("en")} of{" "}
          {count(previewed.preview.totalRows, "row")}{" "}
          {previewed.preview.rowsWithProblems === 1 ? "has a problem" : "have problems"}: nothing can be imported from
          this file. Fix {previewed.preview.rowsWithProblems === 1 ? "it" : "them"} in the file and upload it again.
        </p>
      )}
      {previewed && previewed.preview.rowsWithProblems === 0 && (
        <form
          action={action}
          className="flex flex-wrap items-center gap-4 rounded-xl border border-emerald-200 bg-emerald-50 p-4"
          aria-label="Import"
        >
          <input type="hidden" name="step" value="import" />
          <input type="hidden" name="fileContent" value={previewed.fileContent} />
          <input type="hidden" name="fileName" value={previewed.fileName} />
          {previewed.organizationId && <input type="hidden" name="organizationId" value={previewed.organizationId} />}
          <p className="text-sm text-emerald-900">
            Every row of {previewed.fileName} can be imported{into(organizations, previewed.organizationId)}. Nothing is
            saved until you import.
          </p>
          <SubmitButton pendingText="Importing…">Import {count(previewed.preview.totalRows, "client")}</SubmitButton>
        </form>
      )}
      {rows && <ImportPreview preview={rows} />}
    </div>
  );
}
