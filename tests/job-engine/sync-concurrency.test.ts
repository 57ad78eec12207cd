// How many syncs the job engine runs at once: what the sync functions declare to Inngest, and the setting.
import { afterEach, describe, expect, it, vi } from "vitest";
import { previewUsers } from "@/inngest/preview-users";
import { syncDevices } from "@/inngest/sync-devices";
import { syncUsers } from "@/inngest/sync-users";
import {
  syncConcurrencyLimit,
  syncConcurrencyProblem,
  syncFunctionConcurrency,
} from "@/lib/job-engine/sync-concurrency";
import { prepareServer } from "@/lib/server-start/prepare-server";
import { ConcurrencyGate } from "@/tests/inngest-stand-in/concurrency-gate";

afterEach(() => vi.restoreAllMocks());

describe("how many syncs run at once", () => {
  it("each sync function runs one sync per connection at a time, and users, devices and previews share one limit of 10", () => {
    for (const fn of [syncUsers, syncDevices, previewUsers]) {
      expect(fn.opts.concurrency, fn.id()).toEqual([
        { key: "event.data.connectionId", limit: 1 },
        { scope: "env", key: `"vertask-graph-syncs"`, limit: 10 },
      ]);
    }
  });

  it("VERTASK_SYNC_CONCURRENCY sets the shared limit; the per-connection limit stays one", () => {
    expect(syncFunctionConcurrency({ VERTASK_SYNC_CONCURRENCY: "25" })).toEqual([
      { key: "event.data.connectionId", limit: 1 },
      { scope: "env", key: `"vertask-graph-syncs"`, limit: 25 },
    ]);
    expect(syncConcurrencyLimit({ VERTASK_SYNC_CONCURRENCY: " 1 " })).toBe(1);
    expect(syncConcurrencyLimit({})).toBe(10);
  });

  it("a value that is not a whole number from 1 to 1000 is refused in a sentence that names the variable", () => {
    for (const value of ["0", "-3", "2.5", "ten", "1001", "1e3"]) {
      const sentence = `VERTASK_SYNC_CONCURRENCY must be a whole number from 1 to 1000 (how many syncs run at once; default 10), not "${value}".`;
      expect(syncConcurrencyProblem({ VERTASK_SYNC_CONCURRENCY: value })).toBe(sentence);
      expect(() => syncConcurrencyLimit({ VERTASK_SYNC_CONCURRENCY: value })).toThrow(sentence);
    }
    expect(syncConcurrencyProblem({ VERTASK_SYNC_CONCURRENCY: "" })).toBeNull();
  });

  it("the server refuses to start with such a value, saying why, before it touches the database", async () => {
    const said = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(process, "exit").mockImplementation(((code: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    await expect(
      prepareServer({
        ...process.env,
        VERTASK_SYNC_CONCURRENCY: "ten",
        DATABASE_URL: "postgres://nowhere.invalid/none",
      }),
    ).rejects.toThrow("exit 1");
    expect(said).toHaveBeenCalledWith(
      expect.stringMatching(/^Vertask will not start: VERTASK_SYNC_CONCURRENCY must be a whole number/),
    );
  });
});

describe("the stand-in's gate for the functions' limits (benchmark of many tenants)", () => {
  it("starts no second run of a connection, and no more runs in all than the shared limit, in the order they came", async () => {
    const gate = new ConcurrencyGate();
    const limits = syncFunctionConcurrency({ VERTASK_SYNC_CONCURRENCY: "3" });
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const run = (fn: string, connectionId: string) =>
      gate.run(fn, limits, { data: { connectionId } }, async () => {
        started.push(`${fn} ${connectionId}`);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 20));
        running--;
      });
    await Promise.all([
      run("sync-users", "a"),
      run("sync-users", "a"),
      run("sync-devices", "a"),
      run("sync-users", "b"),
      run("sync-users", "c"),
      run("sync-users", "d"),
    ]);
    expect(most).toBe(3);
    expect(gate.mostAtOnce).toBe(3);
    // The second users sync of "a" waits for the first, without holding up "b"; the rest start as slots free, in the order they came.
    expect(started).toEqual([
      "sync-users a",
      "sync-devices a",
      "sync-users b",
      "sync-users a",
      "sync-users c",
      "sync-users d",
    ]);
  });
});
