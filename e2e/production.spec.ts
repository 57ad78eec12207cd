import { expect, test } from "@playwright/test";
import { execSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { databaseUrl } from "../db/embedded";
import { createDatabaseIfMissing } from "../db/migrate";
import { addStaff, resetDatabase } from "./support/database";
import { signIn } from "./support/sign-in";
import { productionEnv, startServer, waitForOk, type StartedServer } from "./support/production-server";

test.describe.configure({ mode: "serial" });

const nextStart = ["npx", "next", "start"];
const e2eDatabase = process.env.E2E_DATABASE_URL!;
// Ports of the extra servers these tests start, beside the app under test (E2E_PORT), so runs side by side do not meet.
const sparePort = (n: number) => Number(process.env.E2E_PORT ?? 3100) + 40 + n;
const migrationCount = JSON.parse(readFileSync("db/migrations/meta/_journal.json", "utf8")).entries.length;

test.describe("security headers", () => {
  test.beforeAll(async () => {
    await resetDatabase();
    await addStaff("Sam Admin", "sam@msp.example", "correct horse battery", "superuser");
  });

  function expectSecurityHeaders(headers: Record<string, string>, where: string) {
    const policy = headers["content-security-policy"] ?? "";
    const scripts =
      policy
        .split(";")
        .map((part) => part.trim())
        .find((part) => part.startsWith("script-src")) ?? "";
    expect(scripts, where).toMatch(/'nonce-[A-Za-z0-9+/=]+'/);
    expect(scripts, where).not.toContain("'unsafe-inline'");
    expect(policy, where).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], where).toBe("DENY");
    expect(headers["referrer-policy"], where).toBe("same-origin");
    expect(headers["x-content-type-options"], where).toBe("nosniff");
    expect(headers["permissions-policy"], where).toContain("camera=()");
    // Served over plain HTTP here: no HSTS.
    expect(headers["strict-transport-security"], where).toBeUndefined();
  }

  test("every kind of response carries them: a staff page, a portal page, an API route and an error page", async ({
    page,
  }) => {
    await signIn(page, "sam@msp.example", "correct horse battery");
    for (const address of [
      "/clients",
      "/settings/azure",
      "/portal/signin",
      "/signin",
      "/api/health",
      "/no-such-page",
    ]) {
      const response = await page.request.get(address, { maxRedirects: 0 });
      expectSecurityHeaders(response.headers(), address);
    }
    expect((await page.request.get("/no-such-page")).status()).toBe(404);
  });

  test("the page's scripts carry the nonce, each page a new one, and the page still works", async ({ page }) => {
    const first = await page.goto("/signin");
    const nonce = (first!.headers()["content-security-policy"].match(/'nonce-([^']+)'/) ?? [])[1];
    const scriptNonces = await page
      .locator("script")
      .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
    const second = await page.goto("/signin");
    expect(second!.headers()["content-security-policy"]).not.toContain(nonce);
    await signIn(page, "sam@msp.example", "correct horse battery");
  });

  test("a form post larger than its page allows is refused before it is read: 64 KB anonymous, 1 MB signed in, 16 MB for the uploads", async ({
    request,
  }) => {
    const body = (bytes: number) => ({
      data: "x".repeat(bytes),
      headers: { "content-type": "text/plain;charset=UTF-8" },
      maxRedirects: 0,
    });
    const signin = await request.post("/signin", body(70_000));
    expect(signin.status()).toBe(413);
    expect(await signin.text()).toBe("This form sent 69 KB; at most 64 KB can be sent here.");
    expect((await request.post("/clients/new", body(2 * 1024 * 1024))).status()).toBe(413);
    expect((await request.post("/clients/import", body(17 * 1024 * 1024))).status()).toBe(413);
    // Within its page's limit the post reaches Next.js (which finds no action in it).
    expect((await request.post("/clients/import", body(2 * 1024 * 1024))).status()).not.toBe(413);
    expect((await request.post("/signin", body(1000))).status()).not.toBe(413);
  });

  test("Strict-Transport-Security when served over HTTPS (behind a TLS proxy)", async ({ request }) => {
    const response = await request.get("/signin", { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(response.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");
  });
});

test.describe("a production start", () => {
  // Stopped even when a test times out part-way.
  const started: StartedServer[] = [];
  test.afterEach(() => started.splice(0).forEach((server) => server.stop()));

  for (const missing of [
    "DATABASE_URL",
    "NEXTAUTH_SECRET",
    "VERTASK_ENCRYPTION_KEY",
    "SMTP_URL",
    "INNGEST_SIGNING_KEY",
  ]) {
    test(`without ${missing} is refused, naming it`, async () => {
      const env = productionEnv(e2eDatabase);
      delete env[missing];
      const server = startServer(nextStart, sparePort(0), env);
      started.push(server);
      const code = await server.exited;
      expect(code).not.toBe(0);
      expect(server.output()).toContain(
        `Vertask will not start in production: set ${missing} (see docs/operations.md, Running in production).`,
      );
    });
  }

  test("with the Inngest dev mode asked for is refused, naming INNGEST_DEV, even with a signing key", async () => {
    const server = startServer(nextStart, sparePort(0), { ...productionEnv(e2eDatabase), INNGEST_DEV: "1" });
    started.push(server);
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain(
      "Vertask will not start in production: remove INNGEST_DEV (the Inngest dev mode takes unsigned calls to /api/inngest) (see docs/operations.md, Running in production).",
    );
  });

  test("without VERTASK_TRUSTED_PROXY_HEADER or VERTASK_DIRECT_CONNECTIONS=1 is refused, naming both", async () => {
    const env = productionEnv(e2eDatabase);
    delete env.VERTASK_DIRECT_CONNECTIONS;
    const server = startServer(nextStart, sparePort(0), env);
    started.push(server);
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain(
      "set VERTASK_TRUSTED_PROXY_HEADER (or VERTASK_DIRECT_CONNECTIONS=1 when clients reach the app directly)",
    );
  });

  test("with an http:// APP_URL other than localhost is refused", async () => {
    const server = startServer(nextStart, sparePort(0), {
      ...productionEnv(e2eDatabase),
      APP_URL: "http://vertask.example.com",
    });
    started.push(server);
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain("make APP_URL an https:// address (http:// is for localhost only)");
  });

  test("three hosts starting at once against a database with pending migrations all come up, the migrations applied once", async () => {
    test.setTimeout(120_000);
    const url = databaseUrl(e2eDatabase, "vertask_start_race");
    await createDatabaseIfMissing(url, { fresh: true });
    const servers = [1, 2, 3].map(sparePort).map((port) => startServer(nextStart, port, productionEnv(url)));
    started.push(...servers);
    try {
      for (const [i, server] of servers.entries()) {
        await waitForOk(server, `http://127.0.0.1:${sparePort(1 + i)}/api/health`);
        expect((await fetch(`http://127.0.0.1:${sparePort(1 + i)}/signin`)).status).toBe(200);
      }
      // Only a signed sync from Inngest may make the app announce itself.
      expect((await fetch(`http://127.0.0.1:${sparePort(1)}/api/inngest`, { method: "PUT" })).status).toBe(401);
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      const [applied] =
        await sql`SELECT count(*)::int AS n, count(DISTINCT hash)::int AS distinct FROM drizzle.__drizzle_migrations`;
      await sql.end();
      expect(applied).toEqual({ n: migrationCount, distinct: migrationCount });
    } finally {
      servers.forEach((server) => server.stop());
    }
  });

  test("runs on production dependencies only: npm ci --omit=dev with the built .next, then npm start", async () => {
    test.setTimeout(300_000);
    const folder = mkdtempSync(path.join(tmpdir(), "vertask-production-"));
    try {
      // The committed files and the build, as a deployment has them; then only the production dependencies.
      execSync(`git ls-files -z | xargs -0 tar -cf - | tar -xf - -C ${folder}`);
      cpSync(".next", path.join(folder, ".next"), {
        recursive: true,
        filter: (source) => !source.includes(`${path.sep}cache`),
      });
      execSync("npm ci --omit=dev --no-audit --no-fund", {
        cwd: folder,
        stdio: "ignore",
        env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" },
      });
      expect(existsSync(path.join(folder, "node_modules/tsx"))).toBe(false);
      expect(existsSync(path.join(folder, "node_modules/@tailwindcss/postcss"))).toBe(false);

      const server = startServer(["npm", "start", "--"], sparePort(4), productionEnv(e2eDatabase), folder);
      started.push(server);
      try {
        await waitForOk(server, `http://127.0.0.1:${sparePort(4)}/api/health`, 90_000);
        const signin = await fetch(`http://127.0.0.1:${sparePort(4)}/signin`);
        expect(signin.status).toBe(200);
        expect(await signin.text()).toContain("Sign in");
      } finally {
        server.stop();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
