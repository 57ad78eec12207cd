import { defineConfig } from "@playwright/test";
import path from "node:path";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
export const fakeEntraUrl = `https://localhost:${process.env.E2E_FAKE_ENTRA_PORT ?? 4543}`;
const standInPort = Number(process.env.E2E_INNGEST_PORT ?? 8299);
export const inngestStandIn = {
  events: `http://127.0.0.1:${standInPort}`,
  control: `http://127.0.0.1:${standInPort + 1}`,
};
export const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2526);
const mail = { SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: "Vertask <it@msp.example>", APP_URL: baseURL };
const encryptionKey = process.env.E2E_ENCRYPTION_KEY ?? "ZTJlLW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=";
const trustFakeTenant = "NODE_EXTRA_CA_CERTS=$(npx tsx tests/fake-entra/certificates-cli.ts)";
// The app's session secret: the first-run setup code is derived from it, as on a real server.
export const appSecret = process.env.E2E_NEXTAUTH_SECRET ?? "e2e-only-secret-not-for-production-use";
export const appLogFile = path.resolve(process.env.E2E_APP_LOG ?? ".data/test-results/app.log");
// The development mailbox the app under test shows at /settings/mail (apart from a developer's .data/mail).
export const appMailDir = path.resolve(process.env.E2E_MAIL_DIR ?? ".data/test-results/mail");

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
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      // Its address file apart from the one `npm run fake-tenant` leaves for `npm run dev`.
      command: `VERTASK_FAKE_TENANT_FILE=.data/test-results/fake-tenant.json npx tsx tests/fake-entra/cli.ts --port ${new URL(fakeEntraUrl).port} --users 40 --devices 20`,
      url: `${fakeEntraUrl}/common/discovery/instance`,
      ignoreHTTPSErrors: true,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      // Stands in for the Inngest server: runs the real sync functions with @inngest/test (tests only).
      command: `${trustFakeTenant} npx tsx --conditions=react-server tests/inngest-stand-in/server.ts`,
      url: `${inngestStandIn.control}/`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        VERTASK_ENCRYPTION_KEY: encryptionKey,
        AZURE_AUTHORITY_HOST: fakeEntraUrl,
        GRAPH_BASE_URL: fakeEntraUrl,
        INNGEST_STAND_IN_PORT: String(standInPort),
        // Events the functions send (step.sendEvent) come back to the stand-in itself.
        INNGEST_DEV: inngestStandIn.events,
        ...mail,
      },
    },
    {
      command: `mkdir -p ${path.dirname(appLogFile)} && npx next build && ${trustFakeTenant} npx next start -p ${port} -H 127.0.0.1 > ${appLogFile} 2>&1`,
      url: `${baseURL}/signin`,
      timeout: 300_000,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: process.env.E2E_DATABASE_URL ?? "",
        NEXTAUTH_URL: baseURL,
        NEXTAUTH_SECRET: appSecret,
        VERTASK_ENCRYPTION_KEY: encryptionKey,
        VERTASK_MAIL_DIR: appMailDir,
        // Mail goes to the test SMTP server; the local mailbox page (/settings/mail) is asked for on purpose.
        VERTASK_KEEP_MAIL_LOCALLY: "1",
        AZURE_AUTHORITY_HOST: fakeEntraUrl,
        GRAPH_BASE_URL: fakeEntraUrl,
        // As in production: events go to the stand-in as to self-hosted Inngest (cloud mode, with an event key), and
        // /api/inngest takes only signed calls (the stand-in runs the functions itself and never calls it).
        INNGEST_BASE_URL: inngestStandIn.events,
        INNGEST_EVENT_KEY: "e2e-event-key",
        INNGEST_SIGNING_KEY: `signkey-test-${"e2e0".repeat(16)}`,
        // The browser reaches `next start` directly, with no proxy in front.
        VERTASK_DIRECT_CONNECTIONS: "1",
        ...mail,
      },
    },
  ],
});
