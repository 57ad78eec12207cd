"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormMessage } from "@/app/_components/form-message";
import { initialFormState } from "@/lib/actions/form-state";
import type { ConnectionTestResult } from "@/db/schema";
import { formatDateTime } from "@/app/_components/list-controls";
import { testConnectionAction } from "../actions";
import { OrganizationField } from "../organization-scope";

function Check({ label, ok, detail }: { label: string; ok: boolean | null; detail?: string }) {
  const mark = ok === null ? "–" : ok ? "✓" : "✗";
  return (
    <li className="flex gap-2">
      <span aria-hidden className={ok === null ? "text-slate-400" : ok ? "text-emerald-700" : "text-red-700"}>
        {mark}
      </span>
      <span>
        {label}
        {detail && <span className="block text-slate-600">{detail}</span>}
      </span>
    </li>
  );
}

type Shown = ConnectionTestResult & { at: Date };

/** A test's result: its sentence, each check, and where to grant a missing permission. */
function TestResult({ result }: { result: Shown }) {
  return (
    <div
      data-testid="connection-report"
      className={`rounded-lg border p-4 ${result.ok ? "border-emerald-200 bg-emerald-50" : "border-red-200 bg-red-50"}`}
    >
      <p className="text-slate-600" data-testid="connection-report-time">
        Tested {formatDateTime(result.at)}
      </p>
      <p className="font-medium">{result.summary}</p>
      <ul className="mt-3 space-y-1">
        {result.checks.map((check) => (
          <Check key={check.label} {...check} />
        ))}
      </ul>
      {result.consentUrl && (
        <p className="mt-3">
          After adding the permission, grant admin consent:{" "}
          <a
            href={result.consentUrl}
            target="_blank"
            rel="noreferrer"
            className="break-all"
            data-testid="report-consent-link"
          >
            {result.consentUrl}
          </a>
        </p>
      )}
    </div>
  );
}

/** Test connection with the last result and its time, kept until the next test (by anyone). */
export function TestConnection({ last }: { last: Shown | null }) {
  const [state, action] = useActionState(testConnectionAction, initialFormState);
  const tested = state.status === "ok" ? (state.data as ConnectionTestResult & { testedAt: Date }) : null;
  const shown = tested ? { ...tested, at: tested.testedAt } : last;
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <OrganizationField />
      <SubmitButton pendingText="Testing…">Test connection</SubmitButton>
      {state.status === "error" && <FormMessage state={state} />}
      {shown ? <TestResult result={shown} /> : <p className="text-slate-500">Not tested yet.</p>}
    </form>
  );
}
