import { DataTable } from "@/app/_components/data-table";
import type { Actor } from "@/lib/auth/authorize";
import { listSyncRuns } from "@/lib/sync-runs/queries";
import { describeInvitations, runDurationSeconds, triggerLabels } from "@/lib/sync-runs/describe-run";
import { RunStatusBadge } from "@/app/_components/status-badge";
import { formatDateTime } from "@/app/_components/list-controls";
import { ApplyAnywayButton } from "./apply-anyway-button";
import { CancelSyncButton } from "../cancel-sync-button";
import { RefreshWhileRunning } from "../microsoft-azure/refresh-while-running";
import { RunCountLinks } from "./run-count-links";

type RunHistoryProps = { actor: Actor; organizationId: string; runsPath: string };

/** One organization's run history: its own runs only, so none needs to name its organization. Each run's page is under `runsPath`. */
export async function RunHistory({ actor, organizationId, runsPath }: RunHistoryProps) {
  const runs = await listSyncRuns(actor, organizationId);
  if (runs.length === 0)
    return (
      <p className="rounded-xl border border-slate-200 bg-white p-8 text-center text-slate-600">No sync has run yet.</p>
    );
  const running = runs.some((run) => run.status === "queued" || run.status === "running");
  return (
    <>
      {running && <RefreshWhileRunning />}
      <DataTable headers={["Kind", "Trigger", "Requested by", "Started", "Duration", "Status", "Pages", "Changes"]}>
        {runs.map((run) => {
          const seconds = runDurationSeconds(run);
          return (
            <tr key={run.id} className="align-top">
              <td className="px-4 py-2">
                {run.kind === "users" ? "Users" : "Devices"}
                {run.preview ? " (preview)" : run.full ? " (full)" : ""}
              </td>
              <td className="px-4 py-2">{triggerLabels[run.trigger]}</td>
              <td className="min-w-32 px-4 py-2 wrap-anywhere">{run.requestedByName ?? "—"}</td>
              <td className="px-4 py-2 whitespace-nowrap">{formatDateTime(run.startedAt ?? run.queuedAt)}</td>
              <td className="px-4 py-2">{seconds === null ? "—" : `${seconds} s`}</td>
              <td className="px-4 py-2">
                <RunStatusBadge status={run.status} testId="run-status" />
              </td>
              <td className="px-4 py-2">{run.pagesDone}</td>
              <td className="min-w-48 px-4 py-2 wrap-anywhere">
                <RunCountLinks run={run} runHref={`${runsPath}/${run.id}`} />
                {run.invitations && (
                  <span className="block" data-testid="run-invitations">
                    {describeInvitations(run.invitations)}
                  </span>
                )}
                {run.skippedReasons && Object.keys(run.skippedReasons).length > 0 && (
                  <ul className="mt-1 text-xs text-slate-500">
                    {Object.entries(run.skippedReasons).map(([reason, n]) => {
                      const names = run.examples?.[`skipped: ${reason}`];
                      return (
                        <li key={reason}>
                          {n} skipped: {reason}
                          {names?.length ? ` (${names.join(", ")}${n > names.length ? ", …" : ""})` : ""}
                        </li>
                      );
                    })}
                  </ul>
                )}
                {run.graphWaitSeconds > 0 && (
                  <span className="mt-1 block text-xs text-slate-500">
                    Waited {run.graphWaitSeconds} s because Microsoft Graph asked it to slow down.
                  </span>
                )}
                {run.reviewNote && (
                  <span className="mt-1 block text-amber-800" data-testid="review-note">
                    {run.reviewNote}
                    {run.status === "needs_review" && " Nothing was disabled or removed yet."}
                  </span>
                )}
                {run.status === "needs_review" && <ApplyAnywayButton runId={run.id} />}
                {(run.status === "queued" || run.status === "running") && (
                  <CancelSyncButton runId={run.id} noun={run.kind} />
                )}
                {run.errorMessage && (
                  <span className={`block ${run.status === "cancelled" ? "text-slate-600" : "text-red-700"}`}>
                    {run.errorMessage}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
