// For `npm run dev`: starts the Inngest dev server beside the app when it can. It is fetched with npx at
// run time (its package downloads a binary, so it cannot be a dependency); without it the app still runs
// and the Microsoft Azure tab says how to start it.
import { spawn } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";

export function startInngestDevServer(appPort: string) {
  const logFile = path.resolve(".data/inngest-dev.log");
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = openSync(logFile, "a");
  const child = spawn(
    "npx",
    ["--yes", "inngest-cli@latest", "dev", "--no-discovery", "-u", `http://localhost:${appPort}/api/inngest`],
    { stdio: ["ignore", log, log] },
  );
  child.on("exit", (code) => {
    if (code !== 0 && code !== null) {
      console.warn(`The Inngest dev server could not start (see ${path.relative(process.cwd(), logFile)}): the app runs, but syncs need it.`);
    }
  });
  child.on("error", () => console.warn("The Inngest dev server could not start: the app runs, but syncs need it."));
  return () => child.kill("SIGTERM");
}
