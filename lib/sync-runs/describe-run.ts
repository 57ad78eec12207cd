import type { SyncCounts, SyncExamples, SyncRun } from "@/db/schema";

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

const countOrder: (keyof SyncCounts)[] = [
  "created",
  "matched",
  "updated",
  "disabled",
  "removed",
  "restored",
  "unchanged",
  "skipped",
];

/** Each count there is, in order, with its words ("12 created"): zeros left out. */
export function countParts(counts: SyncCounts) {
  return countOrder
    .filter((key) => counts[key])
    .map((key) => ({ key, text: `${counts[key].toLocaleString("en")} ${key}` }));
}

/** "12 created, 3 updated, …", leaving out zeros. */
export function describeCounts(counts: SyncCounts | null) {
  if (!counts) return "";
  const parts = countParts(counts).map((part) => part.text);
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

const previewOutcomes = [
  ["created", "would be created"],
  ["matched", "would be linked to a client added by hand"],
  ["updated", "would be updated"],
  ["restored", "would come back"],
  ["disabled", "would be disabled"],
  ["removed", "would be removed"],
] as const;

/** One line of what a preview found: how many, what would happen to them, and the first names. */
export type PreviewLine = { count: number; label: string; names: string[] };

/**
 * What a finished preview found, as its page and `npm run sync -- users --preview` both show it: each outcome
 * there is, the unchanged, then each reason accounts were left out for, the most common first.
 */
export function previewLines(run: {
  counts: SyncCounts;
  skippedReasons: Record<string, number> | null;
  examples: SyncExamples | null;
}): PreviewLine[] {
  const examples = run.examples ?? {};
  const skipped = Object.entries(run.skippedReasons ?? {}).sort(([, a], [, b]) => b - a);
  return [
    ...previewOutcomes
      .filter(([key]) => run.counts[key])
      .map(([key, label]) => ({ count: run.counts[key], label, names: examples[key] ?? [] })),
    { count: run.counts.unchanged ?? 0, label: "unchanged", names: [] },
    ...skipped.map(([reason, count]) => ({
      count,
      label: `left out: ${reason}`,
      names: examples[`skipped: ${reason}`] ?? [],
    })),
  ];
}

/** ": Ada, Alan and 12 more" after a preview line's count, or nothing when it names no one. */
export function previewNames({ count, names }: PreviewLine) {
  if (!names.length) return "";
  const more = count - names.length;
  return `: ${names.join(", ")}${more > 0 ? ` and ${more.toLocaleString("en")} more` : ""}`;
}
