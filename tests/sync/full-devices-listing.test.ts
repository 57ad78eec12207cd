import { afterEach, describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { devices } from "@/db/schema";
import { devicesByObjectId, expectDevicesEqualTheTenant, runSyncFunction, useSyncWorld } from "./sync-harness";

const world = useSyncWorld({ users: 300, devices: 1200, deltaPageSize: 200, listingPageSize: 999 });

const devicesRequests = () =>
  world.fake.control.recentRequests().filter((line) => /\/v1\.0\/(devices|\$batch)/.test(line));

describe("a full devices sync", () => {
  afterEach(() => {
    world.fake.control.allowDevicesSyncFromNow({ allowed: true });
    world.fake.control.setLatency({ ms: 0 });
  });

  it("takes a delta link from now, lists 999 devices a page, asks their owners in batches, and writes every device with its owner", async () => {
    const { run } = await runSyncFunction("devices");
    expect(run).toMatchObject({ status: "succeeded", full: true, counts: expect.objectContaining({ created: 1230 }) }); // and 30 only Intune has
    const requests = devicesRequests();
    expect(requests[0]).toMatch(/\/v1\.0\/devices\/delta\?.*\$deltatoken=latest/);
    const [listing, ownerLookUps] = [/\/v1\.0\/devices\?(?!.*filter)/, /\/v1\.0\/devices\?.*filter=id/];
    expect(requests.filter((line) => listing.test(line))).toHaveLength(2);
    // Per page, 15 devices to an inner request, 20 inner requests to a batch: 999 devices → 67 in 4 batches, 201 → 14 in 1.
    expect(requests.filter((line) => ownerLookUps.test(line))).toHaveLength(81);
    expect(requests.filter((line) => line.includes("$batch"))).toHaveLength(5);
    await expectDevicesEqualTheTenant(world.fake);
  });

  it("where Graph has no devices delta link from now, lists through a delta round and writes the same rows", async () => {
    world.fake.control.allowDevicesSyncFromNow({ allowed: false });
    const { run } = await runSyncFunction("devices");
    expect(run).toMatchObject({ status: "succeeded", full: true, counts: expect.objectContaining({ created: 1230 }) }); // and 30 only Intune has
    expect(devicesRequests().filter((line) => /\/v1\.0\/devices\/delta/.test(line)).length).toBeGreaterThanOrEqual(6);
    await expectDevicesEqualTheTenant(world.fake);
    const added = world.fake.control.addDevice({
      displayName: "LAPTOP-AFTER-0001",
      operatingSystem: "Windows",
      accountEnabled: true,
    });
    const { run: delta } = await runSyncFunction("devices");
    expect(delta).toMatchObject({ status: "succeeded", full: false, counts: expect.objectContaining({ created: 1 }) });
    expect((await devicesByObjectId()).get(added.id)).toMatchObject({ displayName: "LAPTOP-AFTER-0001" });
  });

  it("a device changed while the listing runs arrives with the next delta, with its owner", async () => {
    const { control } = world.fake;
    const early = control.deviceIdAt({ index: 0 });
    const owner = control.userIdAt({ index: 7 });
    control.setLatency({ ms: 150, target: "graph" });
    const syncing = runSyncFunction("devices");
    // The first page (with the first device) is written before the change is made.
    for (let waited = 0; waited < 100 && (await db.$count(devices)) === 0; waited++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    control.updateDevice({ id: early, changes: { displayName: "RENAMED-DURING-LISTING" } });
    control.setDeviceOwners({ deviceId: early, ownerIds: [owner] });
    const { run: full } = await syncing;
    control.setLatency({ ms: 0 });
    expect(full.full).toBe(true);
    expect((await devicesByObjectId()).get(early)?.displayName).not.toBe("RENAMED-DURING-LISTING");
    const { run: delta } = await runSyncFunction("devices");
    expect(delta).toMatchObject({ full: false, status: "succeeded" });
    expect((await devicesByObjectId()).get(early)).toMatchObject({
      displayName: "RENAMED-DURING-LISTING",
      ownerEntraObjectId: owner,
    });
  });
});
