import type { SyncRun } from "@/db/schema";
import { formatDateTime } from "@/app/_components/list-controls";
import { describeCounts, runStatusLabels } from "@/lib/sync-runs/describe-run";

export function LastRun({ run, noun }: { run: SyncRun | null; noun: string }) {
  if (!run) return <p className="text-sm text-slate-500" data-testid={`last-run-${noun}`}>No sync of {noun} has run yet.</p>;
  return (
    <div className="text-sm" data-testid={`last-run-${noun}`}>
      <p>
        Last sync of {noun}: <strong>{runStatusLabels[run.status]}</strong> · {formatDateTime(run.startedAt ?? run.queuedAt)}
      </p>
      {run.counts && <p className="text-slate-600">{describeCounts(run.counts)}</p>}
      {run.errorMessage && <p className="text-red-700">{run.errorMessage}</p>}
    </div>
  );
}
