"use client";
import Link from "next/link";
import { useActionState } from "react";
import { FormField } from "@/app/_components/form-field";
import { FormMessage } from "@/app/_components/form-message";
import { SubmitButton } from "@/app/_components/submit-button";
import { initialFormState } from "@/lib/actions/form-state";
import type { ImportPreview as Preview } from "@/lib/clients/import-rows";
import { importClientsAction, previewImportAction, type PreviewData } from "./actions";
import { ImportPreview } from "./import-preview";

/**
 * Step 1 uploads the file and shows its preview; step 2 posts the file's content again (a hidden field) to
 * import it. Both are plain form posts, so the import works without JavaScript.
 */
export function ClientImport() {
  const [previewState, preview] = useActionState(previewImportAction, initialFormState);
  const [importState, importAll] = useActionState(importClientsAction, initialFormState);
  if (importState.status === "ok") {
    return (
      <div className="max-w-2xl space-y-3 rounded-xl border border-slate-200 bg-white p-6">
        <FormMessage state={importState} />
        <p className="text-sm">
          <Link href="/clients?source=manual&sort=updated">See them in the client list</Link> ·{" "}
          <a href="/clients/import">Import another file</a>
        </p>
      </div>
    );
  }
  const step1 = previewState.status === "ok" ? (previewState.data as PreviewData) : null;
  // A refused import brings the file's rows back, checked again.
  const rows = importState.status === "error" && importState.data ? (importState.data as Preview) : step1?.preview;
  const ready = step1 && importState.status === "idle" && step1.preview.rowsWithProblems === 0;
  return (
    <div className="space-y-6">
      <form action={preview} className="max-w-2xl space-y-4 rounded-xl border border-slate-200 bg-white p-6" noValidate aria-label="Upload">
        {previewState.status === "error" && <FormMessage state={previewState} />}
        <FormField name="file" label="CSV file" errors={previewState.fieldErrors?.file}>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            aria-invalid={Boolean(previewState.fieldErrors?.file)}
            aria-describedby={previewState.fieldErrors?.file ? "file-error" : "file-hint"}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium hover:file:bg-slate-200"
          />
        </FormField>
        <SubmitButton pendingText="Reading…">Preview</SubmitButton>
      </form>
      {importState.status === "error" && <FormMessage state={importState} />}
      {rows && rows.rowsWithProblems > 0 && importState.status !== "error" && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {step1?.fileName}: {rows.rowsWithProblems} of {rows.rows.length} rows {rows.rowsWithProblems === 1 ? "has a problem" : "have problems"}: nothing can be imported
          from this file. Fix {rows.rowsWithProblems === 1 ? "it" : "them"} in the file and upload it again.
        </p>
      )}
      {ready && (
        <form action={importAll} className="flex flex-wrap items-center gap-4 rounded-xl border border-emerald-200 bg-emerald-50 p-4" aria-label="Import">
          <input type="hidden" name="fileContent" value={step1.fileContent} />
          <input type="hidden" name="fileName" value={step1.fileName} />
          <p className="text-sm text-emerald-900">
            Every row of {step1.fileName} can be imported. Nothing is saved until you import.
          </p>
          <SubmitButton pendingText="Importing…">Import {step1.preview.rows.length} {step1.preview.rows.length === 1 ? "client" : "clients"}</SubmitButton>
        </form>
      )}
      {rows && <ImportPreview preview={rows} />}
    </div>
  );
}
