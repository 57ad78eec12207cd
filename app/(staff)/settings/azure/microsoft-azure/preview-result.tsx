import type { SyncRun } from "@/db/schema";
import { formatDateTime } from "@/app/_components/list-controls";
import { previewLines, previewNames, runStatusLabels } from "@/lib/sync-runs/describe-run";
import { CancelSyncButton } from "../cancel-sync-button";
import { SyncNowButton } from "./sync-now-button";

/** The latest preview: what a users sync would do now, with the first names of each, and Sync now to apply it. */
export function PreviewResult({ run }: { run: SyncRun | null }) {
  if (!run)
    return (
      <p className="text-sm text-slate-500" data-testid="preview-result">
        No preview yet.
      </p>
    );
  if (run.status === "queued" || run.status === "running") {
    return (
      <div className="text-sm" data-testid="preview-result">
        <p>
          Previewing… {run.pagesDone} page{run.pagesDone === 1 ? "" : "s"} listed so far.
        </p>
        <CancelSyncButton runId={run.id} noun="users" />
      </div>
    );
  }
  if (run.status !== "succeeded" || !run.counts) {
    return (
      <p className="text-sm text-red-700" data-testid="preview-result">
        Preview {runStatusLabels[run.status].toLowerCase()} · {formatDateTime(run.queuedAt)}
        {run.errorMessage ? `: ${run.errorMessage}` : ""}
      </p>
    );
  }
  const lines = previewLines({ ...run, counts: run.counts });
  return (
    <div className="space-y-3 text-sm" data-testid="preview-result">
      <p>
        Preview of {formatDateTime(run.finishedAt ?? run.queuedAt)}: a users sync now would change this, if nothing
        changes in Microsoft Entra meanwhile.
      </p>
      <ul className="space-y-1">
        {lines.map((line) => (
          <li key={line.label}>
            <strong>{line.count.toLocaleString("en")}</strong> {line.label}
            <span className="text-slate-600">{previewNames(line)}</span>
          </li>
        ))}
      </ul>
      {run.reviewNote && <p className="text-amber-800">{run.reviewNote}</p>}
      <SyncNowButton kind="users" label="Sync now" />
    </div>
  );
}
