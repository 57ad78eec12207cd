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

/** "Portal invitations: 12 sent, 3 waiting to be sent, 1 not sent" for a users sync that invited anyone. */
export function describeInvitations(invitations: { sent: number; waiting: number; notSent: number } | null) {
  if (!invitations) return null;
  const parts = [
    invitations.sent && `${invitations.sent.toLocaleString("en")} sent`,
    invitations.waiting && `${invitations.waiting.toLocaleString("en")} waiting to be sent`,
    invitations.notSent && `${invitations.notSent.toLocaleString("en")} not sent (see each client's page)`,
  ].filter(Boolean);
  return parts.length ? `Portal invitations: ${parts.join(", ")}` : null;
}
