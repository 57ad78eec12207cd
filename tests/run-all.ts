// `npm test`: every suite against real PostgreSQL (embedded unless DATABASE_URL is set),
// then one line `N passed, N failed` summing them all.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { databaseUrl, startLocalDatabase } from "@/db/embedded";
import { createDatabaseIfMissing, migrateDatabase } from "@/db/migrate";

const resultsDir = path.resolve(".data/test-results");

type Totals = { passed: number; failed: number };

function run(command: string, args: string[], env: Record<string, string>) {
  return spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } }).status ?? 1;
}

function readJson(file: string) {
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

async function freshDatabase(serverUrl: string, name: string) {
  const url = databaseUrl(serverUrl, name);
  await createDatabaseIfMissing(url, { fresh: true });
  await migrateDatabase(url);
  return url;
}

async function main() {
  rmSync(resultsDir, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  // A server of its own, so a test run never shares one with `npm run dev` on the same machine.
  const local = process.env.DATABASE_URL ? null : await startLocalDatabase(".data/postgres-test");
  const serverUrl = process.env.DATABASE_URL ?? local!.serverUrl;
  const totals: Totals = { passed: 0, failed: 0 };

  // The type check counts as one test: a type error fails the run.
  // So do the lint, the formatting check and knip (no unused file, export or dependency).
  for (const check of [["tsc", "--noEmit", "-p", "."], ["eslint", "."], ["prettier", "--check", "."], ["knip"]]) {
    const passes = run("npx", check, {}) === 0;
    totals[passes ? "passed" : "failed"] += 1;
  }

  const unitReport = path.join(resultsDir, "vitest.json");
  const unitExit = run(
    "npx",
    ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile=${unitReport}`],
    {
      DATABASE_URL: await freshDatabase(serverUrl, "vertask_test"),
      VERTASK_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    },
  );
  const unit = readJson(unitReport);
  totals.passed += unit?.numPassedTests ?? 0;
  totals.failed += unit ? unit.numFailedTests : 1;
  if (unit && unitExit !== 0 && unit.numFailedTests === 0) totals.failed += 1; // a suite that failed to load

  const e2eReport = path.join(resultsDir, "playwright.json");
  if (run("bash", ["tests/ensure-chromium.sh"], {}) !== 0)
    console.error("Could not install Chromium: the browser tests will fail.");
  const e2eExit = run("npx", ["playwright", "test"], {
    E2E_DATABASE_URL: await freshDatabase(serverUrl, "vertask_e2e"),
    E2E_NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    E2E_JSON_REPORT: e2eReport,
  });
  const e2e = readJson(e2eReport);
  totals.passed += e2e?.stats?.expected ?? 0;
  totals.failed += e2e ? e2e.stats.unexpected + e2e.stats.flaky : 1;
  if (e2e && e2eExit !== 0 && e2e.stats.unexpected === 0) totals.failed += 1;

  await local?.stop();
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
