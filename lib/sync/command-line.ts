// npm run sync -- users|devices [--full]
// Runs the same sync as the job engine, in this process, for operators. Exit codes: 0 done,
// 1 failed (the reason is printed), 2 held for review (nothing disabled or removed; see the run history).
import { userInfo } from "node:os";
import { closeDatabase } from "@/db/client";
import { describeCounts } from "@/lib/sync-runs/describe-run";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { findPrimaryConnection } from "@/lib/sync-settings/connection-row";
import { runSync } from "./run-sync";
import { countWaitingInvitations, sendWaitingInvitations } from "@/lib/portal/send-invitations";

const usage = "Usage: npm run sync -- users|devices [--full]";

async function main() {
  const args = process.argv.slice(2);
  const kind = args.find((arg) => !arg.startsWith("--"));
  if (kind !== "users" && kind !== "devices") throw new Error(usage);
  const full = args.includes("--full");
  const connection = await findPrimaryConnection();
  if (!connection?.clientSecretCiphertext) throw new Error("Azure User Sync is not set up: save the IDs and the Client secret in Settings → Azure User Sync first.");

  const run = await createSyncRun({ connectionId: connection.id, kind, trigger: "command_line", full, requestedByName: `command line (${userInfo().username})` });
  if (!run) throw new Error(`A sync of ${kind} is already running: wait for it to finish.`);
  console.log(`Syncing ${kind}${full ? " (full listing)" : ""}… run ${run.id}`);
  const started = Date.now();
  const result = await runSync(run.id, (_id, work) => work(), {}, ({ pagesDone, phase }) => {
    process.stdout.write(`\r  ${pagesDone} pages${phase === "owners" ? " (device owners)" : ""}`);
  });
  process.stdout.write("\n");
  if (result.status === "skipped") throw new Error("The run was not started.");
  console.log(`${result.status === "succeeded" ? "Done" : "Held for review"} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${describeCounts(result.counts ?? null)}`);
  if ((await countWaitingInvitations()) > 0) {
    let [sent, remaining] = [0, 1];
    while (remaining > 0) {
      const batch = await sendWaitingInvitations(25);
      [sent, remaining] = [sent + batch.sent, batch.remaining];
    }
    console.log(`Sent ${sent} client portal invitation${sent === 1 ? "" : "s"}.`);
  }
  if (result.status === "needs_review") {
    console.log("More than the review threshold would be disabled or removed: nothing was. Open Settings → Azure User Sync → Run history.");
    return 2;
  }
  return 0;
}

main()
  .then((code) => (process.exitCode = code))
  .catch((error) => {
    process.stdout.write("\n");
    console.error(`Sync failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  })
  .finally(closeDatabase);
