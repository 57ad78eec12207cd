import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { clients } from "@/db/schema";
import { openGraphSession } from "@/lib/azure";
import { pagesOfUserChanges } from "@/lib/azure/users";
import { clientColumns, clientFieldsFrom } from "@/lib/sync/record-fields";
import { isExternalUser } from "@/lib/synced-fields";
import { goodApp } from "@/tests/azure/fake-tenant-harness";
import { clientsByObjectId, runSyncFunction, useSyncWorld } from "./sync-harness";

const world = useSyncWorld({ users: 1500, devices: 5, deltaPageSize: 200, listingPageSize: 300 });

/** What a delta round (the way full syncs listed before) gives for every member: the rows to expect. */
async function rowsFromADeltaRound() {
  const rows = new Map<string, Record<string, unknown>>();
  for await (const page of pagesOfUserChanges(openGraphSession(goodApp(), { endpoints: world.fake.endpoints }), null)) {
    if (page.fullResyncNeeded) throw new Error(page.reason);
    for (const change of page.changes) {
      if (change.type !== "upsert" || isExternalUser(change.item.userType, change.item.userPrincipalName)) continue;
      rows.set(change.item.id, {
        ...clientFieldsFrom(change.item)!,
        status: change.item.accountEnabled === false ? "disabled" : "active",
      });
    }
  }
  return rows;
}

const written = (row: typeof clients.$inferSelect) => ({
  ...Object.fromEntries(clientColumns.map((column) => [column, row[column]])),
  status: row.status,
});

describe("a full users sync through the plain listing", () => {
  it("writes exactly the rows a delta round would, in 999-a-page requests after a delta link from now", async () => {
    const { run } = await runSyncFunction("users");
    expect(run).toMatchObject({ status: "succeeded", full: true });
    const requests = world.fake.control.recentRequests().filter((line) => line.includes("/v1.0/users"));
    expect(requests[0]).toMatch(/\/v1\.0\/users\/delta\?.*\$deltatoken=latest/);
    expect(requests.slice(1).every((line) => /\/v1\.0\/users\?/.test(line))).toBe(true);
    const expected = await rowsFromADeltaRound();
    const rows = await clientsByObjectId();
    expect(rows.size).toBe(expected.size);
    for (const [id, row] of rows) expect(written(row)).toEqual(expected.get(id));
  });

  it("a user changed while the listing runs arrives with the next delta", async () => {
    const { control } = world.fake;
    const early = control.userIdAt({ index: 0 });
    control.setLatency({ ms: 150, target: "graph" });
    const syncing = runSyncFunction("users");
    // The first page (with the first user) is written before the change is made.
    for (let waited = 0; waited < 100 && (await db.$count(clients)) === 0; waited++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    control.updateUser({ id: early, changes: { jobTitle: "Changed during the listing" } });
    const { run: full } = await syncing;
    control.setLatency({ ms: 0 });
    expect(full.full).toBe(true);
    expect((await clientsByObjectId()).get(early)?.jobTitle).not.toBe("Changed during the listing");
    const { run: delta } = await runSyncFunction("users");
    expect(delta).toMatchObject({ full: false, status: "succeeded" });
    expect((await clientsByObjectId()).get(early)?.jobTitle).toBe("Changed during the listing");
  });

  it("throttled by Graph, it waits exactly as told, never sends more than allowed in a window, finishes, and says how long it waited", async () => {
    const { control } = world.fake;
    control.setThrottle({ limit: 3, windowSeconds: 1 });
    const { run } = await runSyncFunction("users");
    const report = control.throttleReport()!;
    control.setThrottle(null);
    expect(run.status).toBe("succeeded");
    expect(report.refused).toBeGreaterThan(0);
    expect(report.mostAdmittedInAWindow).toBeLessThanOrEqual(3);
    expect(run.graphWaitSeconds).toBe(report.refused);
    expect((await clientsByObjectId()).size).toBe((await rowsFromADeltaRound()).size);
  });
});
