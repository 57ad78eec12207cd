import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { clients, syncRuns } from "@/db/schema";
import { saveSettings, useSyncWorld } from "./sync-harness";

const world = useSyncWorld({ users: 700, devices: 50 });

// Asynchronous: the fake tenant answers from this same process while the command runs.
function npmRunSync(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn("npx", ["tsx", "--conditions=react-server", "cli/sync.ts", ...args], { env: process.env });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("close", (code) => resolve({ code, out, err }));
  });
}

describe("npm run sync", () => {
  it("syncs users in-process, prints progress and the counts, and records a command-line run", async () => {
    const { code, out } = await npmRunSync("users");
    expect(code).toBe(0);
    expect(out).toMatch(/Syncing users… run [0-9a-f-]{36}/);
    expect(out).toMatch(/\d+ pages/);
    const created = (await db.select().from(clients)).length;
    expect(out).toMatch(new RegExp(`Done in [0-9.]+ s: ${created} created`));
    const [run] = await db.select().from(syncRuns);
    expect(run).toMatchObject({ trigger: "command_line", status: "succeeded", kind: "users" });
  });

  it("syncs devices with --full", async () => {
    const { code, out } = await npmRunSync("devices", "--full");
    expect(code).toBe(0);
    expect(out).toMatch(/Syncing devices \(full listing\)/);
    // The tenant's 50 devices, and one more that only Intune has (the fake has one for every 40).
    expect(out).toMatch(/51 created/);
  });

  it("exits non-zero with the classified reason when the secret is wrong, and never prints the secret", async () => {
    await saveSettings(world.admin, { secret: "Zz9Q~thisIsNotTheRightSecretValue.1234" });
    const { code, out, err } = await npmRunSync("users");
    expect(code).toBe(1);
    expect(err).toMatch(/Sync failed: Microsoft Entra ID did not accept the Client secret/);
    expect(out + err).not.toContain("thisIsNotTheRightSecretValue");
  });

  it("refuses an unknown kind with the usage line and exit code 2", async () => {
    const { code, err } = await npmRunSync("groups");
    expect(code).toBe(2);
    expect(err).toContain("Usage: npm run sync -- users|devices [--full]");
  });
});
