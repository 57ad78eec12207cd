// npm run sync -- users|devices [--full]
// Runs the same sync as the job engine, in this process, for operators. Exit codes: 0 done, 1 failed (the
// reason is printed), 2 held for review (nothing disabled or removed; see the run history), 3 cancelled
// by someone else (Cancel sync in the browser), 130 stopped by Ctrl-C (SIGINT), 143 stopped by SIGTERM.
import { userInfo } from "node:os";
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { databaseLostMessage, isDatabaseConnectionLost } from "@/db/connection-lost";
import { syncRuns } from "@/db/schema";
import { describeCounts } from "@/lib/sync-runs/describe-run";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { endRunAsCancelled } from "@/lib/sync-runs/cancel-run";
import { holdForCommandLine, startHeartbeat } from "@/lib/sync-runs/run-owner";
import { findPrimaryConnection, isSetUp, notSetUpMessage } from "@/lib/sync-settings/connection-row";
import { runSync } from "@/lib/sync-runs/run-sync";
import { failSyncRun } from "@/lib/sync-runs/fail-run";
import { countWaitingInvitations, sendWaitingInvitations } from "@/lib/portal/send-invitations";

const usage = "Usage: npm run sync -- users|devices [--full]";
const stopSignals = {
  SIGINT: { exitCode: 130, note: "Cancelled from the command line (Ctrl-C)." },
  SIGTERM: { exitCode: 143, note: "Cancelled from the command line (SIGTERM)." },
} as const;
type StopSignal = keyof typeof stopSignals;

async function sendInvitations() {
  if ((await countWaitingInvitations()) === 0) return;
  let [sent, remaining] = [0, 1];
  while (remaining > 0) {
    const batch = await sendWaitingInvitations(25);
    [sent, remaining] = [sent + batch.sent, batch.remaining];
  }
  console.log(`Sent ${sent} client portal invitation${sent === 1 ? "" : "s"}.`);
}

/**
 * Ctrl-C or SIGTERM stops the sync after the page being written. Later signals change nothing: a terminal's
 * Ctrl-C reaches every process of its group, and npm and lib/local/run.ts relay it again, so a repeat cannot
 * be told from a second press. To quit at once, kill the process: the next sync takes its run over.
 */
function stopOnSignals(stop: AbortController) {
  let received: StopSignal | null = null;
  const onSignal = (signal: StopSignal) => {
    if (received) return;
    received = signal;
    process.stdout.write(`\nStopping after the page being written…\n`);
    stop.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return () => received;
}

async function main() {
  const args = process.argv.slice(2);
  const kind = args.find((arg) => !arg.startsWith("--"));
  if (kind !== "users" && kind !== "devices") throw new Error(usage);
  const full = args.includes("--full");
  const connection = await findPrimaryConnection();
  if (!isSetUp(connection)) throw new Error(notSetUpMessage);

  // Held until this process ends, however it ends: the run's live owner (lib/sync-runs/run-owner.ts).
  const hold = await holdForCommandLine(connection.id, kind);
  if (!hold) throw new Error(`A sync of ${kind} is already running from another command line: wait for it to finish.`);
  try {
    const run = await createSyncRun(
      { connectionId: connection.id, kind, trigger: "command_line", full, requestedByName: `command line (${userInfo().username})` },
      { holdingCommandLineLock: true },
    );
    if (!run) throw new Error(`A sync of ${kind} is already running: wait for it to finish.`);
    console.log(`Syncing ${kind}${full ? " (full listing)" : ""}… run ${run.id}`);
    const stop = new AbortController();
    const stopSignal = stopOnSignals(stop);
    hold.lost.addEventListener("abort", () => stop.abort(), { once: true });
    const stopHeartbeat = startHeartbeat(run.id);
    const started = Date.now();
    const result = await runSync(run.id, (_id, work) => work(), { signal: stop.signal }, ({ pagesDone, phase }) => {
      process.stdout.write(`\r  ${pagesDone} pages${phase === "members" ? " (group members)" : ""}`);
    }).finally(stopHeartbeat);
    process.stdout.write("\n");
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    if (hold.lost.aborted) {
      await failSyncRun(run.id, hold.lost.reason);
      throw hold.lost.reason;
    }
    const signal = stopSignal();
    if (result.status === "stopped" && signal) {
      const ended = await endRunAsCancelled(run.id, stopSignals[signal].note);
      console.log(`Cancelled after ${seconds} s and ${ended?.pagesDone ?? 0} pages: ${describeCounts(ended?.counts ?? null) || "nothing written"}.`);
      console.log("Every page written is kept; nothing was disabled or removed. The next sync carries on from the last finished one.");
      return stopSignals[signal].exitCode;
    }
    if (result.status === "succeeded" || result.status === "needs_review") {
      console.log(`${result.status === "succeeded" ? "Done" : "Held for review"} in ${seconds} s: ${describeCounts(result.counts ?? null)}`);
      const [{ graphWaitSeconds }] = await db.select({ graphWaitSeconds: syncRuns.graphWaitSeconds }).from(syncRuns).where(eq(syncRuns.id, run.id));
      if (graphWaitSeconds > 0) console.log(`Of that, ${graphWaitSeconds} s waiting because Microsoft Graph asked to slow down (429, Retry-After).`);
      await sendInvitations();
      if (result.status === "succeeded") return 0;
      console.log("More than the review threshold would be disabled or removed: nothing was. Open Settings → Azure User Sync → Run history.");
      return 2;
    }
    // Ended meanwhile by someone else: Cancel sync in the browser.
    const [ended] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    console.log(`The run ended as ${ended.status}: ${ended.errorMessage ?? ""} ${describeCounts(ended.counts)}`.trim());
    return ended.status === "cancelled" ? 3 : 1;
  } finally {
    await hold.release();
  }
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error) => {
    process.stdout.write("\n");
    const reason = isDatabaseConnectionLost(error) ? databaseLostMessage : error instanceof Error ? error.message : String(error);
    console.error(`Sync failed: ${reason}`);
    process.exitCode = 1;
  })
  .finally(closeDatabase);
