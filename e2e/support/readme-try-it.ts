// Runs the README's "Trying it against a fake Microsoft Entra tenant" as a reader would: its shell commands, in
// order, in a fresh copy of this checkout (its own .data: embedded PostgreSQL, secrets, the fake's address file),
// so nothing of a developer's own `npm run dev` is shared. Only ports come from the test, through the variables
// the commands already honour (PORT, FAKE_ENTRA_PORT, EMBEDDED_POSTGRES_PORT).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** The shell commands of one README section, code block by code block, comments left out. */
export function readmeSectionCommands(heading: string): string[][] {
  const readme = readFileSync("README.md", "utf8");
  const start = readme.indexOf(`## ${heading}\n`);
  if (start === -1) throw new Error(`README has no section "${heading}"`);
  const end = readme.indexOf("\n## ", start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((block) =>
    block[1]
      .split("\n")
      .map((line) => line.replace(/\s+#.*$/, "").trim())
      .filter((line) => line && !line.startsWith("#")),
  );
}

/** A copy of the tracked files (as they are now) with node_modules hard-linked: a clean clone, installed. */
export function freshCheckout() {
  const folder = mkdtempSync(path.join(tmpdir(), "vertask-readme-"));
  // Readable by others, as a clone is: run as root, the embedded PostgreSQL runs its binaries as user postgres.
  chmodSync(folder, 0o755);
  const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { encoding: "utf8" })
    .split("\0")
    .filter(Boolean);
  for (const file of files.filter((file) => existsSync(file))) {
    mkdirSync(path.join(folder, path.dirname(file)), { recursive: true });
    cpSync(file, path.join(folder, file));
  }
  execFileSync("cp", ["-al", "node_modules", path.join(folder, "node_modules")]);
  return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

export type ReadmeProcess = {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
};

/** Runs one README line with `sh -c` in `folder`, with only the machine's basics and `env` in its environment. */
export function runReadmeLine(line: string, folder: string, env: Record<string, string>): ReadmeProcess {
  const child = spawn("sh", ["-c", line], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env } as unknown as NodeJS.ProcessEnv,
    detached: true,
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null) return;
    // Ctrl+C, as the README says, to the whole group (npm, tsx, next, postgres' owner).
    try {
      process.kill(-child.pid!, "SIGINT");
    } catch {
      return;
    }
    const timeout = new Promise((resolve) => setTimeout(resolve, 15_000));
    await Promise.race([exited, timeout]);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  };
  return { child, output: () => output, exited, stop };
}

/** Waits until the output shows `pattern`, or fails with what the process printed. */
export async function waitForOutput(process: ReadmeProcess, pattern: RegExp, timeoutMs = 180_000) {
  for (let waited = 0; waited < timeoutMs; waited += 250) {
    const match = process.output().match(pattern);
    if (match) return match;
    if (process.child.exitCode !== null)
      throw new Error(`exited (${process.child.exitCode}) before printing ${pattern}:\n${process.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`did not print ${pattern} within ${timeoutMs / 1000} s:\n${process.output()}`);
}
