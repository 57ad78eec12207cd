import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { devices } from "@/db/schema";
import { openGraphSession } from "@/lib/azure";
import { fetchFirstOwners } from "@/lib/azure/devices";
import { goodApp } from "@/tests/azure/fake-tenant-harness";
import { clientsByObjectId, devicesByObjectId, runSyncFunction, useSyncWorld } from "./sync-harness";

const world = useSyncWorld({ users: 400, devices: 300 });

async function ownerInEntra(deviceObjectId: string) {
  const owners = await fetchFirstOwners(
    openGraphSession(goodApp(), { endpoints: world.fake.endpoints }),
    [deviceObjectId],
    1,
  );
  return owners.get(deviceObjectId) ?? null;
}

describe("a devices sync through the real Inngest function", () => {
  it("lists every device and links each to its owner's client; owners synced later are linked then", async () => {
    const first = await runSyncFunction("devices");
    expect(first.run).toMatchObject({
      status: "succeeded",
      full: true,
      // 300 Entra devices and 7 only Intune has (one per 40 in the fake).
      counts: expect.objectContaining({ created: 307 }),
    });
    // No users yet: devices know their owner's Entra id but link to no client.
    expect((await db.select().from(devices)).every((d) => d.ownerClientId === null)).toBe(true);

    await runSyncFunction("users");
    const clientRows = await clientsByObjectId();
    const deviceRows = await devicesByObjectId();
    let linked = 0;
    for (const [objectId, device] of [...deviceRows]) {
      const owner = await ownerInEntra(objectId);
      const ownerClient = owner ? clientRows.get(owner) : undefined;
      expect(device.ownerClientId, objectId).toBe(ownerClient?.id ?? null);
      if (ownerClient) linked++;
    }
    expect(linked).toBeGreaterThan(20);
  });

  it("a delta brings a new device with its owner, a changed device, a disabled one and a deleted one", async () => {
    await runSyncFunction("users");
    await runSyncFunction("devices");
    const { control } = world.fake;
    const owner = control.userIdAt({ index: 0 });
    const [changed, disabled, deleted] = [1, 2, 3].map((index) => control.deviceIdAt({ index }));
    const added = control.addDevice({
      displayName: "LAPTOP-NEW-0001",
      operatingSystem: "Windows",
      accountEnabled: true,
    });
    control.setDeviceOwners({ deviceId: added.id, ownerIds: [owner] });
    control.updateDevice({ id: changed, changes: { operatingSystemVersion: "10.0.99999" } });
    control.disableDevice({ id: disabled });
    control.hardDeleteDevice({ id: deleted });

    const { run } = await runSyncFunction("devices");
    const rows = await devicesByObjectId();
    const clientsNow = await clientsByObjectId();
    expect(run.full).toBe(false);
    expect(rows.get(added.id)).toMatchObject({
      displayName: "LAPTOP-NEW-0001",
      status: "active",
      ownerClientId: clientsNow.get(owner)?.id ?? null,
    });
    expect(rows.get(changed)!.operatingSystemVersion).toBe("10.0.99999");
    expect(rows.get(disabled)!.status).toBe("disabled");
    expect(rows.get(deleted)!.status).toBe("removed");
    expect(run.counts).toMatchObject({ created: 1, updated: 1, disabled: 1, removed: 1 });
  });

  it("a device whose owner changes to someone who is not a client no longer shows the old owner", async () => {
    await runSyncFunction("users");
    await runSyncFunction("devices");
    const rows = await devicesByObjectId();
    const [objectId] = [...rows].find(([, device]) => device.ownerClientId)!;
    const guestOrUnknown = world.fake.control.addUser({
      displayName: "Guest Owner",
      userType: "Guest",
      userPrincipalName: "guest_partner.example#EXT#@contoso.onmicrosoft.com",
    });
    world.fake.control.setDeviceOwners({ deviceId: objectId, ownerIds: [guestOrUnknown.id] });
    await runSyncFunction("devices", { full: true });
    expect((await devicesByObjectId()).get(objectId)).toMatchObject({
      ownerEntraObjectId: guestOrUnknown.id,
      ownerClientId: null,
    });
  });

  it("a full sync finds an owner moved to another client, counts only that device as updated", async () => {
    await runSyncFunction("users");
    await runSyncFunction("devices");
    const clientRows = await clientsByObjectId();
    const [objectId, device] = [...(await devicesByObjectId())].find(([, row]) => row.ownerClientId)!;
    const [newOwner, newClient] = [...clientRows].find(([, client]) => client.id !== device.ownerClientId)!;
    world.fake.control.setDeviceOwners({ deviceId: objectId, ownerIds: [newOwner] });

    const { run } = await runSyncFunction("devices", { full: true });
    expect((await devicesByObjectId()).get(objectId)).toMatchObject({
      ownerEntraObjectId: newOwner,
      ownerClientId: newClient.id,
    });
    expect(run.counts).toMatchObject({ created: 0, updated: 1, unchanged: 299 });
  });
});
