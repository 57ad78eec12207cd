import type { SyncRun } from "@/db/schema";
import { formatDateTime } from "@/app/_components/list-controls";
import { runStatusLabels } from "@/lib/sync-runs/describe-run";
import { CancelSyncButton } from "../cancel-sync-button";
import { SyncNowButton } from "./sync-now-button";

const outcomes = [
  ["created", "would be created"],
  ["matched", "would be linked to a client added by hand"],
  ["updated", "would be updated"],
  ["restored", "would come back"],
  ["disabled", "would be disabled"],
  ["removed", "would be removed"],
] as const;

function Names({ names, total }: { names: string[] | undefined; total: number }) {
  if (!names?.length) return null;
  const more = total - names.length;
  return <span className="text-slate-600">: {names.join(", ")}{more > 0 ? ` and ${more.toLocaleString("en")} more` : ""}</span>;
}

/** The latest preview: what a users sync would do now, with the first names of each, and Sync now to apply it. */
export function PreviewResult({ run }: { run: SyncRun | null }) {
  if (!run) return <p className="text-sm text-slate-500" data-testid="preview-result">No preview yet.</p>;
  if (run.status === "queued" || run.status === "running") {
    return (
      <div className="text-sm" data-testid="preview-result">
        <p>Previewing… {run.pagesDone} page{run.pagesDone === 1 ? "" : "s"} listed so far.</p>
        <CancelSyncButton runId={run.id} noun="users" />
      </div>
    );
  }
  if (run.status !== "succeeded" || !run.counts) {
    return (
      <p className="text-sm text-red-700" data-testid="preview-result">
        Preview {runStatusLabels[run.status].toLowerCase()} · {formatDateTime(run.queuedAt)}{run.errorMessage ? `: ${run.errorMessage}` : ""}
      </p>
    );
  }
  const examples = run.examples ?? {};
  const counts = run.counts;
  const skipped = Object.entries(run.skippedReasons ?? {}).sort(([, a], [, b]) => b - a);
  return (
    <div className="space-y-3 text-sm" data-testid="preview-result">
      <p>Preview of {formatDateTime(run.finishedAt ?? run.queuedAt)}: a users sync now would change this, if nothing changes in Microsoft Entra meanwhile.</p>
      <ul className="space-y-1">
        {outcomes.filter(([key]) => counts[key]).map(([key, label]) => (
          <li key={key}><strong>{counts[key].toLocaleString("en")}</strong> {label}<Names names={examples[key]} total={counts[key]} /></li>
        ))}
        <li><strong>{(counts.unchanged ?? 0).toLocaleString("en")}</strong> unchanged</li>
        {skipped.map(([reason, n]) => (
          <li key={reason}><strong>{n.toLocaleString("en")}</strong> left out: {reason}<Names names={examples[`skipped: ${reason}`]} total={n} /></li>
        ))}
      </ul>
      {run.reviewNote && <p className="text-amber-800">{run.reviewNote}</p>}
      <SyncNowButton kind="users" label="Sync now" />
    </div>
  );
}
