// Child process of the continuous-sync benchmark: the job engine's path for "Continuously (within a minute)" as far
// as an in-process stand-in goes. Every minute it runs the delta poll's cron function (inngest/delta-poll-tick.ts);
// the events it sends come back over HTTP to an event API in this process, which runs sync-delta and the sync
// functions within their own concurrency limits (tests/inngest-stand-in/gated-event-api.ts). The parent changes the
// fake tenant meanwhile. Answers the parent over IPC.
//   INNGEST_DEV=http://127.0.0.1:<port> node --conditions=react-server --import tsx tests/bench/continuous-engine.ts <minutes>
import { InngestTestEngine } from "@inngest/test";
import { closeDatabase } from "@/db/client";
import { deltaPollTick } from "@/inngest/delta-poll-tick";
import { syncDelta } from "@/inngest/sync-delta";
import { syncDevices } from "@/inngest/sync-devices";
import { syncUsers } from "@/inngest/sync-users";
import { deltaRequested, syncRequested } from "@/lib/job-engine/events";
import { startGatedEventApi } from "@/tests/inngest-stand-in/gated-event-api";
import { peakMemoryMB, reportToParent } from "./bench-children";

export type ContinuousEngineOutcome = {
  ticks: number;
  /** CPU seconds this process used during the measured minutes (user + system). */
  cpuSeconds: number;
  /** The longest a minute's tick took, from its start until everything it started had ended. */
  longestTickSeconds: number;
  peakMemoryMB: number;
  failures: string[];
};

const MINUTE_MS = 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function main(): Promise<ContinuousEngineOutcome> {
  const minutes = Number(process.argv[2]);
  const engine = await startGatedEventApi(Number(new URL(process.env.INNGEST_DEV!).port), {
    [deltaRequested.name]: syncDelta,
    [syncRequested.users.name]: syncUsers,
    [syncRequested.devices.name]: syncDevices,
  });
  const tick = async () => {
    const started = performance.now();
    const ran = await new InngestTestEngine({ function: deltaPollTick }).execute({
      events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
    });
    if (ran.error) throw ran.error;
    // A round that starts a run sends its event; that run ends before the wave after it settles.
    for (let wave = 0; wave < 4; wave++) await engine.settled();
    return (performance.now() - started) / 1000;
  };
  if (minutes === 0) {
    // The warm-up: one tick at once (the first rounds find no delta link and sync in full).
    await tick();
    await engine.close();
    return { ticks: 1, cpuSeconds: 0, longestTickSeconds: 0, peakMemoryMB: peakMemoryMB(), failures: engine.failures };
  }
  // Tells the parent the minutes start now: its changes are made from here, and the minute's poll ticks at the end of
  // each minute (the last one brings in the last minute's changes), so the measured minutes hold that many ticks.
  process.send!({ started: true });
  const cpuAtStart = process.cpuUsage();
  const startedAt = performance.now();
  let longestTickSeconds = 0;
  for (let minute = 1; minute <= minutes; minute++) {
    await sleep(startedAt + minute * MINUTE_MS - performance.now());
    longestTickSeconds = Math.max(longestTickSeconds, await tick());
  }
  const cpu = process.cpuUsage(cpuAtStart);
  process.send!({ measured: true });
  await engine.close();
  return {
    ticks: minutes,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    longestTickSeconds,
    peakMemoryMB: peakMemoryMB(),
    failures: engine.failures.slice(0, 5),
  };
}

reportToParent(main().finally(closeDatabase));
