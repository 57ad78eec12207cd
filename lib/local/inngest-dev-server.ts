// For `npm run dev`: starts the Inngest dev server beside the app when it can. It is fetched with npx at
// run time (its package downloads a binary, so it cannot be a dependency); without it the app still runs,
// the Microsoft Azure tab says what to do, and `npm run sync` syncs without it.
import { spawn } from "node:child_process";
import { appendFileSync, mkdirSync, openSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The line of the log that says why: the failed download (no internet), or else its last words. */
export function whyItStopped(log: string) {
  const lines = log
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const fetchError = lines.find((line) => /^FetchError: /.test(line));
  if (fetchError) return `npx could not download the Inngest binary (${fetchError.replace(/^FetchError: /, "")})`;
  const last = lines.filter((line) => !line.startsWith("at ")).at(-1);
  return last ? `it said: ${last.slice(0, 300)}` : "it printed nothing";
}

export function startInngestDevServer(appPort: string) {
  const logFile = path.resolve(".data/inngest-dev.log");
  const shownLog = path.relative(process.cwd(), logFile);
  mkdirSync(path.dirname(logFile), { recursive: true });
  const args = [
    "--yes",
    "inngest-cli@latest",
    "dev",
    "--no-discovery",
    "-u",
    `http://localhost:${appPort}/api/inngest`,
  ];
  appendFileSync(logFile, `Starting: npx ${args.join(" ")} (${new Date().toISOString()})\n`);
  const startsAt = statSync(logFile).size;
  const log = openSync(logFile, "a");
  // Foreground scripts: npm then shows the package's own install step (the binary's download) and its error.
  const child = spawn("npx", args, {
    stdio: ["ignore", log, log],
    env: { ...process.env, npm_config_foreground_scripts: "true" },
  });
  let told = false;
  const tell = (why: string) => {
    if (told) return;
    told = true;
    console.warn(
      `The job engine (the Inngest dev server) did not start: ${why}. The app runs; Sync now needs the job engine, ` +
        `and npm run sync -- users and npm run sync -- devices sync without it. Details: ${shownLog}`,
    );
  };
  child.on("exit", (code) => {
    if (code !== 0 && code !== null) tell(whyItStopped(readFileSync(logFile).subarray(startsAt).toString("utf8")));
  });
  child.on("error", (error) => tell(`npx could not run (${error.message})`));
  return () => child.kill("SIGTERM");
}
