import type { listSyncRuns } from "@/lib/sync-runs/queries";
import { describeInvitations, runDurationSeconds, triggerLabels } from "@/lib/sync-runs/describe-run";
import { RunStatusBadge } from "@/app/_components/status-badge";
import { formatDateTime } from "@/app/_components/list-controls";
import { textColumn, type ListColumn } from "@/app/_components/list-columns";
import { ApplyAnywayButton } from "./apply-anyway-button";
import { CancelSyncButton } from "../cancel-sync-button";
import { RunCountLinks } from "./run-count-links";

type Run = Awaited<ReturnType<typeof listSyncRuns>>[number];

const kindOf = (run: Run) =>
  `${run.kind === "users" ? "Users" : "Devices"}${run.preview ? " (preview)" : run.full ? " (full)" : ""}`;

/** What a run changed (each count a link to those changes on its page), why it skipped, what it waits for, and the commands it still takes. */
function RunChanges({ run, runHref }: { run: Run; runHref: string }) {
  return (
    <>
      <RunCountLinks run={run} runHref={runHref} />
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
      {run.intuneNote && (
        <span className="mt-1 block text-slate-600" data-testid="intune-note">
          {run.intuneNote}
        </span>
      )}
      {run.reviewNote && (
        <span className="mt-1 block text-amber-800" data-testid="review-note">
          {run.reviewNote}
          {run.status === "needs_review" && " Nothing was disabled or removed yet."}
        </span>
      )}
      {run.status === "needs_review" && <ApplyAnywayButton runId={run.id} />}
      {(run.status === "queued" || run.status === "running") && <CancelSyncButton runId={run.id} noun={run.kind} />}
      {run.errorMessage && (
        <span className={`block ${run.status === "cancelled" ? "text-slate-600" : "text-red-700"}`}>
          {run.errorMessage}
        </span>
      )}
    </>
  );
}

/**
 * The run history's columns; on a phone a run's card shows its kind, status, start and changes. Each run's page is
 * under `runsPath`.
 */
export const runColumns = (runsPath: string): ListColumn<Run>[] => [
  { key: "kind", label: "Kind", sort: "kind", card: "title", width: "lg:w-36", text: kindOf, cell: kindOf },
  { key: "trigger", label: "Trigger", width: "lg:w-28", cell: (run) => triggerLabels[run.trigger] },
  textColumn("requestedBy", "Requested by", (run) => run.requestedByName, { width: "lg:w-40" }),
  {
    key: "started",
    label: "Started",
    sort: "started",
    card: "field",
    width: "lg:w-48",
    cell: (run) => formatDateTime(run.startedAt ?? run.queuedAt),
  },
  {
    key: "duration",
    label: "Duration",
    width: "lg:w-24",
    cell: (run) => {
      const seconds = runDurationSeconds(run);
      return seconds === null ? "—" : `${seconds} s`;
    },
  },
  {
    key: "status",
    label: "Status",
    sort: "status",
    card: "status",
    width: "lg:w-32",
    cell: (run) => <RunStatusBadge status={run.status} testId="run-status" />,
  },
  { key: "pages", label: "Pages", align: "right", width: "lg:w-20", cell: (run) => run.pagesDone },
  {
    key: "changes",
    label: "Changes",
    card: "field",
    wrap: true,
    cell: (run) => (
      <span className="block break-words">
        <RunChanges run={run} runHref={`${runsPath}/${run.id}`} />
      </span>
    ),
  },
];
