import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, devices, entraConnections, type Device } from "@/db/schema";
import { recomputeDeviceAttention } from "@/lib/devices/attention-radar";
import { saveAttentionThresholds } from "@/lib/devices/attention-thresholds";
import { refreshDeviceAttentionDaily } from "@/inngest/refresh-device-attention";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";

// The radar's conditions on real rows, each reason made true and then false again. The same statement runs at the
// end of every sync (tests/sync/attention-sync.test.ts drives it through the fake tenant).

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
let organization: string;
let connection: string;

beforeEach(async () => {
  await resetDatabase();
  organization = await organizationId();
  [{ id: connection }] = await db
    .insert(entraConnections)
    .values({ organizationId: organization, name: "Contoso", intuneReadable: true })
    .returning({ id: entraConnections.id });
});
afterAll(closeDatabase);

/** A company laptop Intune manages, in order on every count: it needs no attention. */
async function healthyDevice(fields: Partial<typeof devices.$inferInsert> = {}) {
  const [row] = await db
    .insert(devices)
    .values({
      organizationId: organization,
      connectionId: connection,
      entraObjectId: crypto.randomUUID(),
      displayName: `LAPTOP-${crypto.randomUUID().slice(0, 8)}`,
      operatingSystem: "Windows",
      trustType: "AzureAd",
      isCompliant: true,
      lastSignInAt: daysAgo(3),
      intuneDeviceId: crypto.randomUUID(),
      serialNumber: crypto.randomUUID().slice(0, 12).toUpperCase(),
      complianceState: "compliant",
      intuneLastSyncAt: daysAgo(1),
      isEncrypted: true,
      source: "azure",
      ...fields,
    })
    .returning();
  return row;
}

async function change(device: Device, fields: Partial<typeof devices.$inferInsert>) {
  await db.update(devices).set(fields).where(eq(devices.id, device.id));
}

async function reasonsAfterRadar(device: Device) {
  await recomputeDeviceAttention(db, organization);
  const [row] = await db.select().from(devices).where(eq(devices.id, device.id));
  return row.attentionReasons;
}

describe("the attention radar", () => {
  it("a device in order needs no attention", async () => {
    expect(await reasonsAfterRadar(await healthyDevice())).toEqual([]);
  });

  it("stale: no Entra sign-in for 90 days, or no Intune check-in for 30; it clears when the device is seen again", async () => {
    const device = await healthyDevice({ lastSignInAt: daysAgo(91) });
    expect(await reasonsAfterRadar(device)).toEqual(["stale"]);
    await change(device, { lastSignInAt: daysAgo(89) });
    expect(await reasonsAfterRadar(device)).toEqual([]);
    await change(device, { intuneLastSyncAt: daysAgo(31) });
    expect(await reasonsAfterRadar(device)).toEqual(["stale"]);
    await change(device, { intuneLastSyncAt: daysAgo(0) });
    expect(await reasonsAfterRadar(device)).toEqual([]);
  });

  it("stale: a device that never signed in counts from when it was registered", async () => {
    const device = await healthyDevice({ lastSignInAt: null, registeredAt: daysAgo(120) });
    expect(await reasonsAfterRadar(device)).toEqual(["stale"]);
    await change(device, { registeredAt: daysAgo(10) });
    expect(await reasonsAfterRadar(device)).toEqual([]);
  });

  it("stale follows the organization's thresholds: longer limits clear it, shorter ones raise it", async () => {
    const admin = await createActor("superuser");
    const device = await healthyDevice({ lastSignInAt: daysAgo(100), intuneLastSyncAt: daysAgo(20) });
    expect(await reasonsAfterRadar(device)).toEqual(["stale"]);
    const message = await saveAttentionThresholds(admin, {
      organizationId: organization,
      staleSignInDays: 120,
      staleCheckInDays: 30,
    });
    expect(message).toBe("Changes saved. 0 devices need attention.");
    const read = async () => (await db.select().from(devices).where(eq(devices.id, device.id)))[0].attentionReasons;
    expect(await read()).toEqual([]);
    await saveAttentionThresholds(admin, { organizationId: organization, staleSignInDays: 120, staleCheckInDays: 14 });
    expect(await read()).toEqual(["stale"]);
  });

  it("owner gone: its owner's client is disabled or removed; it clears when the owner is active again", async () => {
    const [owner] = await db
      .insert(clients)
      .values({ organizationId: organization, displayName: "Ada Owner", source: "azure" })
      .returning();
    const device = await healthyDevice({ ownerClientId: owner.id });
    expect(await reasonsAfterRadar(device)).toEqual([]);
    for (const status of ["disabled", "removed"] as const) {
      await db.update(clients).set({ status }).where(eq(clients.id, owner.id));
      expect(await reasonsAfterRadar(device)).toEqual(["owner_gone"]);
    }
    await db.update(clients).set({ status: "active" }).where(eq(clients.id, owner.id));
    expect(await reasonsAfterRadar(device)).toEqual([]);
  });

  it("owner gone: a device only Intune knows counts its primary user as its owner", async () => {
    const [user] = await db
      .insert(clients)
      .values({ organizationId: organization, displayName: "Bo User", source: "azure", status: "disabled" })
      .returning();
    const device = await healthyDevice({ entraObjectId: null, source: "intune", primaryUserClientId: user.id });
    expect(await reasonsAfterRadar(device)).toEqual(["owner_gone"]);
  });

  it("not compliant: Intune's noncompliant or grace period, or Entra's isCompliant false when Intune says nothing", async () => {
    const device = await healthyDevice({ complianceState: "noncompliant" });
    expect(await reasonsAfterRadar(device)).toEqual(["not_compliant"]);
    await change(device, { complianceState: "inGracePeriod" });
    expect(await reasonsAfterRadar(device)).toEqual(["not_compliant"]);
    await change(device, { complianceState: "compliant" });
    expect(await reasonsAfterRadar(device)).toEqual([]);
    const entraOnly = await healthyDevice({ intuneDeviceId: null, trustType: "Workplace", complianceState: null });
    await change(entraOnly, { isCompliant: false });
    expect(await reasonsAfterRadar(entraOnly)).toEqual(["not_compliant"]);
    await change(entraOnly, { isCompliant: true });
    expect(await reasonsAfterRadar(entraOnly)).toEqual([]);
  });

  it("not managed: a company Windows or macOS device Intune does not know, only once Intune was read", async () => {
    const joined = await healthyDevice({ intuneDeviceId: null, complianceState: null, isEncrypted: null });
    const hybridMac = await healthyDevice({
      intuneDeviceId: null,
      operatingSystem: "MacMDM",
      trustType: "ServerAd",
      complianceState: null,
      isEncrypted: null,
    });
    const registered = await healthyDevice({ intuneDeviceId: null, trustType: "Workplace", complianceState: null });
    const phone = await healthyDevice({ intuneDeviceId: null, operatingSystem: "IPhone", complianceState: null });
    expect(await reasonsAfterRadar(joined)).toEqual(["not_managed"]);
    expect(await reasonsAfterRadar(hybridMac)).toEqual(["not_managed"]);
    expect(await reasonsAfterRadar(registered)).toEqual([]);
    expect(await reasonsAfterRadar(phone)).toEqual([]);
    // Without the Intune permission nothing says whether Intune knows the device.
    await db.update(entraConnections).set({ intuneReadable: false }).where(eq(entraConnections.id, connection));
    expect(await reasonsAfterRadar(joined)).toEqual([]);
    await db.update(entraConnections).set({ intuneReadable: true }).where(eq(entraConnections.id, connection));
    await change(joined, { intuneDeviceId: crypto.randomUUID() });
    expect(await reasonsAfterRadar(joined)).toEqual([]);
  });

  it("not encrypted: Intune says its disk is not encrypted; it clears when it is", async () => {
    const device = await healthyDevice({ isEncrypted: false });
    expect(await reasonsAfterRadar(device)).toEqual(["not_encrypted"]);
    await change(device, { isEncrypted: true });
    expect(await reasonsAfterRadar(device)).toEqual([]);
  });

  it("same serial twice: two devices of the organization with one serial number, whatever its case; it clears when one goes", async () => {
    const first = await healthyDevice({ serialNumber: "PF3ABC12" });
    const second = await healthyDevice({ serialNumber: " pf3abc12" });
    const elsewhere = await healthyDevice({
      organizationId: await organizationId("Fabrikam"),
      connectionId: null,
      serialNumber: "PF3ABC12",
    });
    expect(await reasonsAfterRadar(first)).toEqual(["same_serial"]);
    expect(await reasonsAfterRadar(second)).toEqual(["same_serial"]);
    expect((await db.select().from(devices).where(eq(devices.id, elsewhere.id)))[0].attentionReasons).toEqual([]);
    await change(second, { status: "removed" });
    expect(await reasonsAfterRadar(first)).toEqual([]);
    expect(await reasonsAfterRadar(second)).toEqual([]);
  });

  it("several reasons at once, in the radar's order; a disabled device needs none", async () => {
    const device = await healthyDevice({
      lastSignInAt: daysAgo(200),
      isEncrypted: false,
      complianceState: "noncompliant",
    });
    expect(await reasonsAfterRadar(device)).toEqual(["stale", "not_compliant", "not_encrypted"]);
    await change(device, { status: "disabled" });
    expect(await reasonsAfterRadar(device)).toEqual([]);
  });

  it("the daily refresh makes a device stale that only time changed, in every organization, with no sync", async () => {
    const here = await healthyDevice({ lastSignInAt: daysAgo(91) });
    const there = await healthyDevice({
      organizationId: await organizationId("Fabrikam"),
      connectionId: null,
      intuneLastSyncAt: daysAgo(40),
    });
    // Written as a sync 2 days ago left them: in order then.
    expect(here.attentionReasons).toEqual([]);
    const { result } = await new InngestTestEngine({ function: refreshDeviceAttentionDaily }).execute({
      events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
    });
    expect(result).toEqual({ organizations: 2, changed: 2 });
    for (const device of [here, there])
      expect((await db.select().from(devices).where(eq(devices.id, device.id)))[0].attentionReasons).toEqual(["stale"]);
  });
});
