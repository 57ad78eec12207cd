import { defineConfig } from "@playwright/test";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
export const fakeEntraUrl = `https://localhost:${process.env.E2E_FAKE_ENTRA_PORT ?? 4543}`;
export const appLogFile = path.resolve(process.env.E2E_APP_LOG ?? ".data/test-results/app.log");

// The app under test runs as a production build on its own database (tests/run-all.ts prepares it),
// against the fake Entra tenant; its log goes to a file the tests search for secrets.
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.E2E_JSON_REPORT
    ? [["list"], ["json", { outputFile: process.env.E2E_JSON_REPORT }]]
    : [["list"]],
  use: {
    baseURL,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  webServer: [
    {
      command: `npx tsx tests/fake-entra/cli.ts --port ${new URL(fakeEntraUrl).port} --users 40 --devices 20`,
      url: `${fakeEntraUrl}/common/discovery/instance`,
      ignoreHTTPSErrors: true,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: `mkdir -p ${path.dirname(appLogFile)} && npx next build && NODE_EXTRA_CA_CERTS=$(npx tsx tests/fake-entra/certificates-cli.ts) npx next start -p ${port} -H 127.0.0.1 > ${appLogFile} 2>&1`,
      url: `${baseURL}/signin`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: process.env.E2E_NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production-use",
        VERTASK_ENCRYPTION_KEY: process.env.E2E_ENCRYPTION_KEY ?? "ZTJlLW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=",
        AZURE_AUTHORITY_HOST: fakeEntraUrl,
        GRAPH_BASE_URL: fakeEntraUrl,
        // No job engine runs here: requests to it fail fast, as on a machine where it is not started.
        INNGEST_DEV: process.env.E2E_INNGEST_URL ?? "http://127.0.0.1:59999",
      },
    },
  ],
});
