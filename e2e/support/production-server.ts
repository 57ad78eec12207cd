// `next start` of the build the browser tests use, as production runs it, on a port and database of a test's
// choosing: to see what a production start refuses, and that several hosts come up together.
import { spawn, type ChildProcess } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";

/** Everything a production start needs, and nothing from the test runner's own environment. */
export function productionEnv(databaseUrl: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: "production-start-test-secret-0123456789",
    VERTASK_ENCRYPTION_KEY: "cHJvZHVjdGlvbi1zdGFydC10ZXN0LWtleS0wMTIzNDU=",
    SMTP_URL: "smtp://127.0.0.1:2599",
    INNGEST_SIGNING_KEY: `signkey-prod-${"ab".repeat(32)}`,
    INNGEST_EVENT_KEY: "production-start-test-event-key",
    VERTASK_DIRECT_CONNECTIONS: "1",
  };
}

export type StartedServer = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => void;
};

export function startServer(
  command: string[],
  port: number,
  env: Record<string, string>,
  cwd = process.cwd(),
): StartedServer {
  const child = spawn(command[0], [...command.slice(1), "-p", String(port), "-H", "127.0.0.1"], {
    cwd,
    env: { ...env, NEXTAUTH_URL: `http://127.0.0.1:${port}` } as NodeJS.ProcessEnv,
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  };
  return { child, output: () => output, exited, stop };
}

/** Waits until `url` answers 200, or fails with what the server printed. */
export async function waitForOk(server: StartedServer, url: string, timeoutMs = 60_000) {
  for (let waited = 0; waited < timeoutMs; waited += 250) {
    if (server.child.exitCode !== null)
      throw new Error(`the server exited (${server.child.exitCode}):\n${server.output()}`);
    if (
      await fetch(url).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    await sleep(250);
  }
  throw new Error(`${url} did not answer 200:\n${server.output()}`);
}
