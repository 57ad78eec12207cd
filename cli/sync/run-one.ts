// One organization's sync (or preview) from the command line: held, recorded, run and ended as the job engine's
// are, in this process. Whatever happens is returned as words and an exit code; nothing is thrown.
import { userInfo } from "node:os";
import { databaseLostMessage, isDatabaseConnectionLost } from "@/db/connection-lost";
import type { SyncCounts, SyncKind } from "@/db/schema";
import { describeCounts, previewLines, previewNames } from "@/lib/sync-runs/describe-run";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { endRunAsCancelled } from "@/lib/sync-runs/cancel-run";
import { holdForCommandLine, startHeartbeat, type CommandLineHold } from "@/lib/sync-runs/run-owner";
import { runSync } from "@/lib/sync-runs/run-sync";
import { failSyncRun } from "@/lib/sync-runs/fail-run";
import { findSyncRun } from "@/lib/sync-runs/queries";
import { alreadyRunningMessage, refuseUnlessSyncable } from "@/lib/sync-runs/sync-possible";
import { findConnection } from "@/lib/connections";

export type RunRequest = { kind: SyncKind; full: boolean; preview: boolean };

/** Ctrl-C or SIGTERM received: the run ends as cancelled with this note, and the command with this code. */
export type Stopped = { exitCode: number; note: string };

export type Outcome = {
  /** 0 succeeded, 1 failed, 3 cancelled by someone else, 4 held for review, 130/143 stopped by a signal. */
  exitCode: number;
  /** The one line that says how it ended; `details` follow it where there is more to say. */
  line: string;
  details: string[];
  /** Whether the line is a failure's (printed to stderr). */
  failed: boolean;
  /** A users sync that ended with clients written: portal invitations may be waiting. */
  wroteClients: boolean;
};

export type RunWatch = {
  stop: AbortSignal;
  stopped: () => Stopped | null;
  /** The run is recorded and listing. */
  onStart?: (runId: string) => void;
  onProgress?: (text: string) => void;
};

const failure = (reason: string): Outcome => ({
  exitCode: 1,
  line: `Sync failed: ${reason}`,
  details: [],
  failed: true,
  wroteClients: false,
});

function reasonOf(error: unknown) {
  if (isDatabaseConnectionLost(error)) return databaseLostMessage;
  return error instanceof Error ? error.message : String(error);
}

/** What a finished preview found, line by line (lib/sync-runs/describe-run.ts, as the Microsoft Azure tab shows it). */
async function previewOutcome(runId: string, seconds: string): Promise<Outcome> {
  const run = await findSyncRun(runId);
  const counts = run.counts!;
  const details = previewLines({ ...run, counts }).map(
    (line) => `  ${line.count.toLocaleString("en")} ${line.label}${previewNames(line)}`,
  );
  if (run.reviewNote) details.push(`  ${run.reviewNote}`);
  details.push(
    "  Nothing was written: a users sync now would do this, if nothing changes in Microsoft Entra meanwhile.",
  );
  return {
    exitCode: 0,
    line: `Preview done in ${seconds} s: ${describeCounts(counts)} (run ${runId})`,
    details,
    failed: false,
    wroteClients: false,
  };
}

/**
 * Runs the sync in this process, beating the heartbeat; Ctrl-C, SIGTERM or a lost hold stops it
 * before its next page.
 */
async function runWatched(runId: string, watch: RunWatch, hold: CommandLineHold) {
  const stop = new AbortController();
  const onStop = () => stop.abort();
  watch.stop.addEventListener("abort", onStop, { once: true });
  if (watch.stop.aborted) stop.abort();
  hold.lost.addEventListener("abort", onStop, { once: true });
  const stopHeartbeat = startHeartbeat(runId);
  const started = Date.now();
  const result = await runSync(
    runId,
    (_id, work) => work(),
    { signal: stop.signal },
    ({ pagesDone, phase }) => {
      watch.onProgress?.(`${pagesDone} pages${phase === "members" ? " (group members)" : ""}`);
    },
  ).finally(() => {
    stopHeartbeat();
    watch.stop.removeEventListener("abort", onStop);
  });
  return { result, seconds: ((Date.now() - started) / 1000).toFixed(1) };
}

/** Stopped by a signal: the run ends as cancelled, keeping every page written. */
async function cancelledOutcome(runId: string, stopped: Stopped, seconds: string): Promise<Outcome> {
  const ended = await endRunAsCancelled(runId, stopped.note);
  return {
    exitCode: stopped.exitCode,
    line: `Cancelled after ${seconds} s and ${ended?.pagesDone ?? 0} pages: ${describeCounts(ended?.counts ?? null) || "nothing written"}.`,
    details: [
      "Every page written is kept; nothing was disabled or removed. The next sync carries on from the last finished one.",
    ],
    failed: false,
    wroteClients: false,
  };
}

/** A sync that finished, or was held for review because it would disable or remove too many. */
async function finishedOutcome(
  runId: string,
  kind: SyncKind,
  held: boolean,
  counts: SyncCounts | null | undefined,
  seconds: string,
): Promise<Outcome> {
  const details: string[] = [];
  const { graphWaitSeconds } = await findSyncRun(runId);
  if (graphWaitSeconds > 0)
    details.push(
      `Of that, ${graphWaitSeconds} s waiting because Microsoft Graph asked to slow down (429, Retry-After).`,
    );
  if (held)
    details.push(
      "More than the review threshold would be disabled or removed: nothing was. Open Settings → Azure User Sync → Run history.",
    );
  const line = `${held ? "Held for review" : "Done"} in ${seconds} s: ${describeCounts(counts ?? null)} (run ${runId})`;
  return { exitCode: held ? 4 : 0, line, details, failed: false, wroteClients: kind === "users" };
}

/** Ended meanwhile by someone else: Cancel sync in the browser. */
async function endedElsewhereOutcome(runId: string): Promise<Outcome> {
  const ended = await findSyncRun(runId);
  const line = `The run ended as ${ended.status}: ${ended.errorMessage ?? ""} ${describeCounts(ended.counts)}`.trim();
  return {
    exitCode: ended.status === "cancelled" ? 3 : 1,
    line,
    details: [],
    failed: ended.status !== "cancelled",
    wroteClients: false,
  };
}

async function runHeld(
  connectionId: string,
  request: RunRequest,
  watch: RunWatch,
  hold: CommandLineHold,
): Promise<Outcome> {
  const { kind, full, preview } = request;
  const run = await createSyncRun(
    {
      connectionId,
      kind,
      trigger: "command_line",
      full,
      preview,
      requestedByName: `command line (${userInfo().username})`,
    },
    { holdingCommandLineLock: true },
  );
  if (!run) return failure(await alreadyRunningMessage(connectionId, kind));
  watch.onStart?.(run.id);
  const { result, seconds } = await runWatched(run.id, watch, hold);

  if (hold.lost.aborted) {
    await failSyncRun(run.id, hold.lost.reason);
    return failure(reasonOf(hold.lost.reason));
  }
  const stopped = watch.stopped();
  if (result.status === "stopped" && stopped) return cancelledOutcome(run.id, stopped, seconds);
  if (result.status === "succeeded" && preview) return previewOutcome(run.id, seconds);
  if (result.status === "succeeded" || result.status === "needs_review")
    return finishedOutcome(run.id, kind, result.status === "needs_review", result.counts, seconds);
  return endedElsewhereOutcome(run.id);
}

/** Syncs (or previews) one organization's connection; refused in words when it cannot (waiting for consent, not set up, disabled). */
export async function syncOrganization(organizationId: string, request: RunRequest, watch: RunWatch): Promise<Outcome> {
  try {
    const connection = await findConnection(organizationId);
    refuseUnlessSyncable(connection, request.kind, { preview: request.preview });
    // Held until this process ends, however it ends: the run's live owner (lib/sync-runs/run-owner.ts).
    const hold = await holdForCommandLine(connection.id, request.kind);
    if (!hold)
      return failure(`A sync of ${request.kind} is already running from another command line: wait for it to finish.`);
    try {
      return await runHeld(connection.id, request, watch, hold);
    } finally {
      await hold.release();
    }
  } catch (error) {
    return failure(reasonOf(error));
  }
}
