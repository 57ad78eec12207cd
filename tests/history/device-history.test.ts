// A device's history tells its owner changes by name: the client synced with the owner's Entra id in the same
// connection, else "an account Vertask has not synced".
import { describe, expect, it } from "vitest";
import { describeEvent } from "@/lib/history/describe-event";
import { eventThatMadeIt, recordHistory } from "@/lib/history/queries";
import { clientsByObjectId, devicesByObjectId, runSyncFunction, useSyncWorld } from "../sync/sync-harness";

const world = useSyncWorld({ users: 60, devices: 20 });

describe("a device's history", () => {
  it("names the old and new owner of each owner change, and the run that found it", async () => {
    await runSyncFunction("users");
    await runSyncFunction("devices");
    const clientRows = await clientsByObjectId();
    const [objectId, device] = [...(await devicesByObjectId())].find(([, row]) => row.ownerClientId)!;
    const oldOwner = [...clientRows.values()].find((client) => client.id === device.ownerClientId)!;
    const [newOwnerId, newOwner] = [...clientRows].find(([, client]) => client.id !== device.ownerClientId)!;
    world.fake.control.setDeviceOwners({ deviceId: objectId, ownerIds: [newOwnerId] });
    const moved = (await runSyncFunction("devices", { full: true })).run;
    const guest = world.fake.control.addUser({
      displayName: "Guest Owner",
      userType: "Guest",
      userPrincipalName: "guest_partner.example#EXT#@contoso.onmicrosoft.com",
    });
    world.fake.control.setDeviceOwners({ deviceId: objectId, ownerIds: [guest.id] });
    await runSyncFunction("devices", { full: true });

    const { entries, owners } = await recordHistory(world.admin, { deviceId: device.id }, 1);
    expect(entries.map(({ event }) => event.kind)).toEqual(["owner_changed", "owner_changed", "created"]);
    const told = entries.map((entry) => describeEvent("device", entry.event, entry.run, owners));
    expect(told[0].changes).toEqual([
      { label: "Owner", from: newOwner.displayName, to: "an account Vertask has not synced" },
    ]);
    expect(told[1].changes).toEqual([{ label: "Owner", from: oldOwner.displayName, to: newOwner.displayName }]);
    expect(told[1].by.run).toMatch(/^the devices sync at \d\d:\d\d UTC$/);
    expect(entries[1].run?.id).toBe(moved.id);
    expect(await eventThatMadeIt(world.admin, { deviceId: device.id }, "active")).toBeNull();
  });

  it("a device disabled in Entra says so, with the run that disabled it", async () => {
    await runSyncFunction("users");
    await runSyncFunction("devices");
    const [objectId, device] = [...(await devicesByObjectId())].find(([, row]) => row.status === "active")!;
    world.fake.control.disableDevice({ id: objectId });
    const { run } = await runSyncFunction("devices");
    expect((await devicesByObjectId()).get(objectId)?.status).toBe("disabled");
    const why = await eventThatMadeIt(world.admin, { deviceId: device.id }, "disabled");
    expect(why).toMatchObject({ event: { kind: "disabled" }, run: { id: run.id } });
    expect(why?.event.reason).toBe("account disabled in Microsoft Entra");
  });
});
