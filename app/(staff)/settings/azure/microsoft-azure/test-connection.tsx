"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/submit-button";
import { FormMessage } from "@/app/_components/form-message";
import { initialFormState } from "@/lib/actions/form-state";
import type { CheckStep, EntraConnectionReport } from "@/lib/azure";
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

function stepCheck(label: string, step: CheckStep) {
  if (step.status === "skipped") return <Check label={`${label}: not tried`} ok={null} />;
  return step.status === "ok" ? (
    <Check label={`${label}: done`} ok />
  ) : (
    <Check label={`${label}: failed`} ok={false} detail={step.error.message} />
  );
}

export function TestConnection() {
  const [state, action] = useActionState(testConnectionAction, initialFormState);
  const report = state.status === "ok" ? (state.data as EntraConnectionReport) : null;
  const missing = report?.permissions.some((p) => p.status === "missing");
  return (
    <form action={action} className="mt-3 space-y-3 text-sm">
      <OrganizationField />
      <SubmitButton pendingText="Testing…">Test connection</SubmitButton>
      {state.status === "error" && <FormMessage state={state} />}
      {report && (
        <div
          data-testid="connection-report"
          className={`rounded-lg border p-4 ${report.ok ? "border-emerald-200 bg-emerald-50" : "border-red-200 bg-red-50"}`}
        >
          <p className="font-medium">{report.summary}</p>
          <ul className="mt-3 space-y-1">
            {report.token.status === "failed" ? (
              <Check label="Token: not obtained" ok={false} detail={report.token.error.message} />
            ) : (
              <Check label="Token obtained" ok />
            )}
            {report.permissions.map((p) => (
              <Check
                key={p.permission}
                label={`${p.permission}: ${p.status === "granted" ? "granted" : p.status === "missing" ? "missing" : "unknown"}`}
                ok={p.status === "unknown" ? null : p.status === "granted"}
              />
            ))}
            {stepCheck("Read one user", report.readUser)}
            {stepCheck("Read one device", report.readDevice)}
            {report.readGroupMembers && stepCheck("Read a chosen group's members", report.readGroupMembers)}
          </ul>
          {missing && (
            <p className="mt-3">
              After adding the permission, grant admin consent:{" "}
              <a
                href={report.consentUrl}
                target="_blank"
                rel="noreferrer"
                className="break-all"
                data-testid="report-consent-link"
              >
                {report.consentUrl}
              </a>
            </p>
          )}
        </div>
      )}
    </form>
  );
}
