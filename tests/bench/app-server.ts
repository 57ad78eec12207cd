// The app as production runs it (`next build`, then `next start`), on the benchmark's database, so list
// timings are a real server's: rendering, session check and queries, over loopback HTTP.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const logDir = path.resolve(".data/bench");

/** `next build` into .next, its output in .data/bench/next-build.log; resolves with the build's duration. */
export async function buildApp(): Promise<number> {
  mkdirSync(logDir, { recursive: true });
  const log = openSync(path.join(logDir, "next-build.log"), "w");
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    spawn("npx", ["next", "build"], { stdio: ["ignore", log, log], env: process.env }).on("exit", resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code}): see .data/bench/next-build.log`);
  return performance.now() - started;
}

export type RunningApp = { baseUrl: string; stop: () => Promise<void> };

/** `next start` on a loopback port; resolves once the sign-in page answers. */
export async function startApp(port: number, environment: NodeJS.ProcessEnv): Promise<RunningApp> {
  // A production start refuses the Inngest dev mode (lib/server-start) that `lib/local/run.ts` sets for the rest.
  const { INNGEST_DEV: _devMode, ...env } = environment;
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = openSync(path.join(logDir, "next-start.log"), "w");
  // Its own process group, so stopping it also stops the server npx starts under it.
  const child: ChildProcess = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", log, log],
    // The list pages need neither mail nor the job engine: the local mailbox asked for on purpose, a signing key
    // no call ever uses, and no proxy in front of this loopback server.
    env: {
      VERTASK_KEEP_MAIL_LOCALLY: "1",
      INNGEST_SIGNING_KEY: `signkey-test-${"be".repeat(32)}`,
      VERTASK_DIRECT_CONNECTIONS: "1",
      ...env,
      NEXTAUTH_URL: baseUrl,
      NODE_ENV: "production",
    },
    detached: true,
  });
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await new Promise((resolve) => (child.exitCode === null ? child.once("exit", resolve) : resolve(null)));
  };
  for (let waited = 0; waited < 60_000; waited += 250) {
    if (child.exitCode !== null)
      throw new Error(`next start exited (${child.exitCode}): see .data/bench/next-start.log`);
    const ready = await fetch(`${baseUrl}/signin`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { baseUrl, stop };
    await sleep(250);
  }
  await stop();
  throw new Error("next start did not answer within a minute: see .data/bench/next-start.log");
}
