import type { RecordStatus, SyncRun } from "@/db/schema";
import { runStatusLabels } from "@/lib/sync-runs/describe-run";
import { Badge, type Tone } from "./badge";

const recordTones: Record<RecordStatus, Tone> = { active: "good", disabled: "attention", removed: "quiet" };
const recordLabels: Record<RecordStatus, string> = { active: "Active", disabled: "Disabled", removed: "Removed" };

export function StatusBadge({ status }: { status: RecordStatus }) {
  return <Badge tone={recordTones[status]}>{recordLabels[status]}</Badge>;
}

const runTones: Record<SyncRun["status"], Tone> = {
  queued: "quiet",
  running: "busy",
  succeeded: "good",
  failed: "bad",
  needs_review: "attention",
  cancelled: "quiet",
};

export function RunStatusBadge({ status, testId }: { status: SyncRun["status"]; testId?: string }) {
  return (
    <Badge tone={runTones[status]} testId={testId}>
      {runStatusLabels[status]}
    </Badge>
  );
}
