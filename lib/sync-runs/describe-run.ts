import type { SyncCounts, SyncRun } from "@/db/schema";

export const runStatusLabels: Record<SyncRun["status"], string> = {
  queued: "Queued",
  running: "Running",
  succeeded: "Succeeded",
  failed: "Failed",
  needs_review: "Needs review",
  cancelled: "Cancelled",
};

export const triggerLabels: Record<SyncRun["trigger"], string> = {
  manual: "Manual",
  scheduled: "Scheduled",
  command_line: "Command line",
};

const countOrder: (keyof SyncCounts)[] = ["created", "matched", "updated", "disabled", "removed", "restored", "unchanged", "skipped"];

/** "12 created, 3 updated, …", leaving out zeros. */
export function describeCounts(counts: SyncCounts | null) {
  if (!counts) return "";
  const parts = countOrder.filter((key) => counts[key]).map((key) => `${counts[key].toLocaleString("en")} ${key}`);
  return parts.length ? parts.join(", ") : "no changes";
}

export function runDurationSeconds(run: Pick<SyncRun, "startedAt" | "finishedAt">, now = new Date()) {
  if (!run.startedAt) return null;
  return Math.round(((run.finishedAt ?? now).getTime() - run.startedAt.getTime()) / 100) / 10;
}
