import type { RecordStatus, SyncRun } from "@/db/schema";
import { runStatusLabels } from "@/lib/sync-runs/describe-run";

type Tone = "good" | "attention" | "bad" | "busy" | "quiet";

const tones: Record<Tone, string> = {
  good: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  attention: "bg-amber-50 text-amber-800 ring-amber-600/20",
  bad: "bg-red-50 text-red-800 ring-red-600/20",
  busy: "bg-sky-50 text-sky-800 ring-sky-600/20",
  quiet: "bg-slate-100 text-slate-700 ring-slate-500/20",
};

/** The pill every status wears, in the lists, on a record's page and in the run history. */
function Badge({ tone, children, testId }: { tone: Tone; children: React.ReactNode; testId?: string }) {
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
      data-testid={testId}
    >
      {children}
    </span>
  );
}

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
