// `.data/fake-tenant.json` (left by npm run fake-tenant) points npm run dev and npm run sync at the fake tenant,
// on a development machine only.
import { afterEach, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { applyFakeTenantSettings } from "@/lib/local/fake-tenant-settings";

const folder = mkdtempSync(path.join(tmpdir(), "vertask-fake-tenant-"));
const file = path.join(folder, "fake-tenant.json");
// A fake that runs: this test's own process stands for it.
writeFileSync(
  file,
  JSON.stringify({
    AZURE_AUTHORITY_HOST: "https://localhost:4999",
    GRAPH_BASE_URL: "https://localhost:4999",
    NODE_EXTRA_CA_CERTS: "/tmp/ca.pem",
    pid: process.pid,
  }),
);
const saved = process.env.VERTASK_FAKE_TENANT_FILE;
afterEach(() => {
  if (saved === undefined) delete process.env.VERTASK_FAKE_TENANT_FILE;
  else process.env.VERTASK_FAKE_TENANT_FILE = saved;
});

describe("the fake tenant's address file", () => {
  it("points a development command at the fake", () => {
    process.env.VERTASK_FAKE_TENANT_FILE = file;
    const env: NodeJS.ProcessEnv = { NODE_ENV: "development" };
    expect(applyFakeTenantSettings(env)).toBe("https://localhost:4999");
    expect(env).toMatchObject({
      AZURE_AUTHORITY_HOST: "https://localhost:4999",
      GRAPH_BASE_URL: "https://localhost:4999",
      NODE_EXTRA_CA_CERTS: "/tmp/ca.pem",
    });
  });

  it("stops npm run sync in production, naming the file and what to do, before anything is synced", async () => {
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      VERTASK_FAKE_TENANT_FILE: file,
    };
    const run = promisify(execFile)("npm", ["run", "--silent", "sync", "--", "users"], { env, cwd: process.cwd() });
    const failed = await run.then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr.trim()).toBe(
      `${path.relative(process.cwd(), file)} (npm run fake-tenant) is not used in production: remove it, or set AZURE_AUTHORITY_HOST and GRAPH_BASE_URL.`,
    );
    rmSync(folder, { recursive: true, force: true });
  }, 30_000);
});
