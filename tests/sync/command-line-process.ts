// `npm run sync`'s process as a separate process group, as a terminal starts it: a signal reaches every
// process in it. Node is started directly so its exit code is seen as it is (npm, given a signal, ends
// itself with that signal, which a shell reports as the same 130 or 143).
import { spawn, type ChildProcess } from "node:child_process";

export type SyncProcess = {
  child: ChildProcess;
  /** Resolves once the run is recorded and listing (the "Syncing … run <id>" line). */
  started: Promise<string>;
  done: Promise<{ code: number | null; out: string; err: string }>;
  signal: (signal: NodeJS.Signals) => void;
};

export function startSyncProcess(...args: string[]): SyncProcess {
  const child = spawn("node", ["--import", "tsx", "--conditions=react-server", "lib/sync/command-line.ts", ...args], { env: process.env, detached: true });
  let out = "";
  let err = "";
  let announce: (runId: string) => void = () => {};
  const started = new Promise<string>((resolve) => (announce = resolve));
  child.stdout!.on("data", (chunk) => {
    out += chunk;
    const runId = out.match(/Syncing \w+.*… run ([0-9a-f-]{36})/)?.[1];
    if (runId) announce(runId);
  });
  child.stderr!.on("data", (chunk) => (err += chunk));
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on("close", (code) => resolve({ code, out, err })));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error; // already ended
    }
  };
  return { child, started, done, signal };
}

export const runSyncProcess = (...args: string[]) => startSyncProcess(...args).done;
