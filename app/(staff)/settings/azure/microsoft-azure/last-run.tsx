import Link from "next/link";
import type { SyncRunWithInvitations } from "@/lib/sync-runs/queries";
import { formatDateTime } from "@/app/_components/list-controls";
import { describeCounts, describeInvitations } from "@/lib/sync-runs/describe-run";
import { RunStatusBadge } from "@/app/_components/status-badge";
import { CancelSyncButton } from "../cancel-sync-button";

type Props = { run: SyncRunWithInvitations | null; noun: string; basePath?: string; organizationName?: string };

export function LastRun({ run, noun, basePath = "/settings/azure", organizationName }: Props) {
  const whose = organizationName ? ` for ${organizationName}` : "";
  if (!run)
    return (
      <p className="text-sm text-slate-600" data-testid={`last-run-${noun}`}>
        No sync of {noun}
        {whose} has run yet.
      </p>
    );
  const active = run.status === "queued" || run.status === "running";
  return (
    <div className="min-w-0 text-sm wrap-anywhere" data-testid={`last-run-${noun}`}>
      <p>
        Last sync of {noun}
        {whose}: <RunStatusBadge status={run.status} /> · {formatDateTime(run.startedAt ?? run.queuedAt)}
      </p>
      {active && (
        <p className="text-slate-600">
          {run.pagesDone} page{run.pagesDone === 1 ? "" : "s"} done so far…
        </p>
      )}
      {active && <CancelSyncButton runId={run.id} noun={noun} />}
      {run.counts && <p className="text-slate-600">{describeCounts(run.counts)}</p>}
      {run.invitations && (
        <p className="text-slate-600" data-testid="last-run-invitations">
          {describeInvitations(run.invitations)}
        </p>
      )}
      {run.intuneNote && (
        <p className="text-slate-600" data-testid="last-run-intune-note">
          {run.intuneNote}
        </p>
      )}
      {run.status === "needs_review" && (
        <p className="text-amber-800">
          {run.reviewNote} Nothing was disabled or removed. <Link href={`${basePath}/runs`}>Review it</Link>
        </p>
      )}
      {run.errorMessage && (
        <p className={run.status === "cancelled" ? "text-slate-600" : "text-red-700"}>{run.errorMessage}</p>
      )}
    </div>
  );
}
