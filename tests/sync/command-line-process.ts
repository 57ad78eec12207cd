// `npm run sync`'s process as a separate process group, as a terminal starts it: a signal reaches every
// process in it. Node is started directly so its exit code is seen as it is (npm, given a signal, ends
// itself with that signal, which a shell reports as the same 130 or 143).
import { spawn, type ChildProcess } from "node:child_process";

export type SyncProcess = {
  child: ChildProcess;
  /** Resolves once the run is recorded and listing (the "Syncing … run <id>" line). */
  started: Promise<string>;
  /** `signal`: the signal that ended it (npm, stopped by one, ends itself with it: a shell shows 128 + its number). */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
  signal: (signal: NodeJS.Signals) => void;
};

const commandLine = ["node", "--import", "tsx", "--conditions=react-server", "cli/sync.ts"];

/** A first argument "via-npm" starts it as an operator does, `npm run sync -- …`, through npm and lib/local/run.ts. */
export function startSyncProcess(...args: string[]): SyncProcess {
  const [command, ...rest] =
    args[0] === "via-npm" ? ["npm", "run", "--silent", "sync", "--", ...args.slice(1)] : [...commandLine, ...args];
  const child = spawn(command, rest, { env: process.env, detached: true });
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
  const done: SyncProcess["done"] = new Promise((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, out, err })),
  );
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
