import { describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/db/client";
import { forgetCachedTokenClients } from "@/lib/azure/token";
import { devices, entraConnections, recordEvents } from "@/db/schema";
import { listDevices } from "@/lib/devices/queries";
import { deviceListQuery } from "@/lib/devices/list-query";
import { INTUNE_NOT_GRANTED_NOTE, INTUNE_READ_AGAIN_NOTE } from "@/lib/sync/intune-access";
import { CONTOSO, WITH_GROUPS, WITH_INTUNE } from "@/tests/fake-entra/default-tenants";
import { NO_ENTRA_DEVICE, type FakeManagedDevice } from "@/tests/fake-entra/managed-devices";
import { beginSyncRun } from "@/lib/sync-runs/begin-run";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { syncPages } from "@/lib/sync/page-steps";
import { intuneListing } from "@/lib/sync/intune-page";
import { theConnection } from "@/tests/support/database";
import { devicesByObjectId, runSyncFunction, useSyncWorld } from "./sync-harness";

// 200 devices: 5 only Intune has (one per 40); Intune's pages of 50, so its listing takes several.
const world = useSyncWorld({ users: 150, devices: 200, listingPageSize: 50 });

const managedDevices = () => world.fake.control.managedDevices({}) as FakeManagedDevice[];
const intuneOnly = () => managedDevices().filter((m) => m.azureADDeviceId === NO_ENTRA_DEVICE);
/** Consent changed in the tenant: the next token carries it (MSAL would answer from its cache otherwise). */
function grant(roles: string[]) {
  world.fake.control.setAppPermissions({ clientId: CONTOSO.goodApp.clientId, roles });
  forgetCachedTokenClients();
}
const rowsOnlyIntuneHas = () =>
  db
    .select()
    .from(devices)
    .where(and(isNull(devices.entraObjectId), eq(devices.status, "active")));
const intuneReadable = async () => (await db.select().from(entraConnections))[0].intuneReadable;

describe("a devices sync reads Intune's managed devices", () => {
  it("joins each managed device to its Entra device by azureADDeviceId, and keeps the join through renames", async () => {
    const { run } = await runSyncFunction("devices");
    expect(run).toMatchObject({ status: "succeeded", intuneNote: null });
    // 200 Entra devices created, and the 5 only Intune has.
    expect(run.counts).toMatchObject({ created: 205 });
    const managed = managedDevices().filter((m) => m.azureADDeviceId !== NO_ENTRA_DEVICE);
    expect(managed.length).toBeGreaterThan(100);
    const rows = [...(await devicesByObjectId()).values()];
    const byDeviceId = new Map(rows.map((d) => [d.deviceId, d]));
    for (const device of managed) {
      expect(byDeviceId.get(device.azureADDeviceId), device.id).toMatchObject({
        intuneDeviceId: device.id,
        serialNumber: device.serialNumber,
        complianceState: device.complianceState,
        ownership: device.managedDeviceOwnerType,
        managementAgent: device.managementAgent,
        isEncrypted: device.isEncrypted,
        intuneLastSyncAt: new Date(device.lastSyncDateTime),
        enrolledAt: new Date(device.enrolledDateTime),
        primaryUserPrincipalName: device.userPrincipalName,
      });
    }
    // Entra devices Intune does not manage (a few, and every Linux one) have no Intune details.
    expect(rows.filter((d) => d.intuneDeviceId === null).length).toBe(200 - managed.length);
    expect(await intuneReadable()).toBe(true);

    // Renamed in Entra, and named otherwise in Intune: still the same device, nothing only Intune has added.
    const device = managed.find((m) => m.complianceState === "compliant")!;
    const entraDevice = rows.find((d) => d.deviceId === device.azureADDeviceId)!;
    world.fake.control.updateDevice({ id: entraDevice.entraObjectId!, changes: { displayName: "RENAMED-IN-ENTRA" } });
    world.fake.control.updateManagedDevice({
      id: device.id,
      changes: { deviceName: "renamed-in-intune", complianceState: "noncompliant" },
    });
    await runSyncFunction("devices");
    const [renamed] = await db.select().from(devices).where(eq(devices.id, entraDevice.id));
    expect(renamed).toMatchObject({
      displayName: "RENAMED-IN-ENTRA",
      intuneDeviceId: device.id,
      complianceState: "noncompliant",
    });
    expect(await rowsOnlyIntuneHas()).toHaveLength(intuneOnly().length);
    // The compliance change is in the device's history (a change of state it had before).
    const events = await db.select().from(recordEvents).where(eq(recordEvents.deviceId, entraDevice.id));
    expect(events.map((e) => e.changes).flat()).toContainEqual({
      field: "complianceState",
      from: "compliant",
      to: "noncompliant",
    });
  });

  it("keeps a device only Intune has (source Intune), findable by serial number, and removes it once Intune drops it", async () => {
    const added = world.fake.control.addIntuneOnlyDevice({
      deviceName: "LOANER-KIOSK-7",
      serialNumber: "SN-LOANER-0007",
      operatingSystem: "Windows",
    }) as FakeManagedDevice;
    await runSyncFunction("devices");
    const only = await rowsOnlyIntuneHas();
    expect(only).toHaveLength(intuneOnly().length);
    expect(only.find((d) => d.intuneDeviceId === added.id)).toMatchObject({
      source: "intune",
      displayName: "LOANER-KIOSK-7",
      serialNumber: "SN-LOANER-0007",
      operatingSystem: "Windows",
      status: "active",
    });

    // Found by serial number, and by its primary user's name (Intune names the user; no client is needed).
    const search = async (q: string) =>
      (await listDevices(world.admin, deviceListQuery.parse({ q }))).rows.map((r) => r.displayName);
    expect(await search("loaner-0007")).toEqual(["LOANER-KIOSK-7"]);
    world.fake.control.updateManagedDevice({
      id: added.id,
      changes: { userDisplayName: "Zéphyrine Quillfeather", userPrincipalName: "zq@contoso.example" },
    });
    await runSyncFunction("devices");
    expect(await search("zephyrine quill")).toEqual(["LOANER-KIOSK-7"]);

    // Intune stops listing it and one Entra device: the first is removed, the second loses its Intune details.
    const managedEntra = managedDevices().find((m) => m.azureADDeviceId !== NO_ENTRA_DEVICE)!;
    world.fake.control.removeManagedDevice({ id: added.id });
    world.fake.control.removeManagedDevice({ id: managedEntra.id });
    await runSyncFunction("devices");
    const [gone] = await db.select().from(devices).where(eq(devices.intuneDeviceId, added.id));
    expect(gone.status).toBe("removed");
    const [unmanaged] = await db.select().from(devices).where(eq(devices.deviceId, managedEntra.azureADDeviceId));
    expect(unmanaged).toMatchObject({
      status: "active",
      intuneDeviceId: null,
      serialNumber: null,
      complianceState: null,
    });
    const [told] = await db
      .select()
      .from(recordEvents)
      .where(and(eq(recordEvents.deviceId, unmanaged.id), eq(recordEvents.reason, "no longer managed by Intune")));
    expect(told.changes).toContainEqual({ field: "serialNumber", from: managedEntra.serialNumber, to: null });
  });

  it("links the primary user to the synced client with that user principal name", async () => {
    await runSyncFunction("users");
    await runSyncFunction("devices");
    const withUser = (await db.select().from(devices)).filter((d) => d.primaryUserPrincipalName);
    expect(withUser.length).toBeGreaterThan(50);
    expect(withUser.filter((d) => d.primaryUserClientId !== null).length).toBeGreaterThan(withUser.length / 2);
  });

  it("without DeviceManagementManagedDevices.Read.All syncs Entra only and says why once", async () => {
    grant(WITH_GROUPS);
    try {
      const first = await runSyncFunction("devices");
      expect(first.run).toMatchObject({ status: "succeeded", errorCode: null, intuneNote: INTUNE_NOT_GRANTED_NOTE });
      expect(first.run.counts).toMatchObject({ created: 200 });
      expect((await db.select().from(devices)).every((d) => d.intuneDeviceId === null)).toBe(true);
      expect(await intuneReadable()).toBe(false);

      const second = await runSyncFunction("devices");
      expect(second.run).toMatchObject({ status: "succeeded", intuneNote: null });

      grant(WITH_INTUNE);
      const third = await runSyncFunction("devices");
      expect(third.run).toMatchObject({ status: "succeeded", intuneNote: INTUNE_READ_AGAIN_NOTE });
      expect((await db.select().from(devices)).some((d) => d.intuneDeviceId !== null)).toBe(true);
    } finally {
      grant(WITH_INTUNE);
    }
  });

  it("a throttled Intune listing waits as Intune asks (429, Retry-After) and completes", async () => {
    world.fake.control.failNextRequests({
      pathPrefix: "/v1.0/deviceManagement/managedDevices",
      status: 429,
      retryAfterSeconds: 1,
      count: 2,
      afterRequests: 1,
    });
    const { run } = await runSyncFunction("devices");
    expect(run).toMatchObject({ status: "succeeded", intuneNote: null });
    expect(run.graphWaitSeconds).toBeGreaterThanOrEqual(2);
    const managed = managedDevices();
    const stored = (await db.select().from(devices)).filter((d) => d.intuneDeviceId !== null);
    expect(stored).toHaveLength(managed.length);
  });

  it("an Intune step that failed part-way resumes after the last page it wrote, and writes nothing twice", async () => {
    await runSyncFunction("devices");
    const added = world.fake.control.addIntuneOnlyDevice({ deviceName: "KIOSK-RESUMED" }) as FakeManagedDevice;
    const connection = (await theConnection())!;
    const run = (await createSyncRun({ connectionId: connection.id, kind: "devices", trigger: "manual" }))!;
    const plan = (await beginSyncRun(run.id))!;
    const pages = Math.ceil(managedDevices().length / 50);
    world.fake.control.failNextRequests({
      pathPrefix: "/v1.0/deviceManagement/",
      status: 500,
      count: 10,
      afterRequests: 2,
    });
    await expect(syncPages(plan, intuneListing, 0, null)).rejects.toThrow();

    world.fake.control.clearFaults();
    world.fake.control.resetRequestCounts();
    expect(await syncPages(plan, intuneListing, 0, null)).toMatchObject({ nextIndex: pages, nextLink: null });
    expect(world.fake.control.requestCounts().graph).toBe(pages - 2);
    expect(await syncPages(plan, intuneListing, 0, null)).toMatchObject({ nextIndex: pages, nextLink: null });
    expect(world.fake.control.requestCounts().graph).toBe(pages - 2);
    const [kiosk] = await db.select().from(devices).where(eq(devices.intuneDeviceId, added.id));
    const told = await db.select().from(recordEvents).where(eq(recordEvents.deviceId, kiosk.id));
    expect(told.map((event) => event.kind)).toEqual(["created"]);
    expect(await rowsOnlyIntuneHas()).toHaveLength(intuneOnly().length);
  });
});
