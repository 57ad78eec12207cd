// How the benchmark runs each measured piece in a process of its own: so a sync's peak memory is its
// own, and so the fake tenant (in the parent) does not share the measured process's event loop.
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { SyncCounts } from "@/db/schema";

export type SyncOutcome = {
  ms: number;
  status: string;
  pages: number;
  counts: SyncCounts | null;
  peakMemoryMB: number;
  liveHeapMB: number;
};

/** The process's peak resident memory so far (the kernel's high-water mark), in MB. */
export function peakMemoryMB() {
  return process.resourceUsage().maxRSS / 1024;
}

/** What the JavaScript heap still holds after a full collection (children run with --expose-gc), in MB. */
export function liveHeapMB() {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

/** In a child: sends the result (or the failure) to the parent, then exits. */
export function reportToParent<T>(work: Promise<T>) {
  work.then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (error) =>
      process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
        process.exit(1),
      ),
  );
}

/**
 * The heap ceiling `npm run sync` gives the sync process (package.json), so the measured sync runs as it
 * does. Without it V8 lets garbage pile up longer in a long run than in a short one.
 */
export function syncHeapOptions(): string[] {
  const script: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.sync;
  return script.match(/--max-old-space-size=\d+/g) ?? [];
}

/**
 * In the parent: runs a benchmark script under tsx with React's server conditions (lib imports "server-only").
 * `onNews` hears what the child says on the way (any message but its result or failure).
 */
export function runBenchChild<T>(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  nodeOptions: string[] = [],
  onNews?: (news: Record<string, unknown>) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(path.resolve("tests/bench", script), args, {
      env,
      execArgv: ["--conditions=react-server", "--import", "tsx", "--expose-gc", ...nodeOptions],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let answer: { result?: T; error?: string } | null = null;
    child.on("message", (message) => {
      const said = message as Record<string, unknown>;
      if ("result" in said || "error" in said) answer = said as typeof answer;
      else onNews?.(said);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (answer?.result !== undefined) resolve(answer.result);
      else reject(new Error(`${script} ${args.join(" ")} failed (exit ${code}): ${answer?.error ?? "no answer"}`));
    });
  });
}
