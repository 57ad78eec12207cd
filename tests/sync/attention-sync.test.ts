import { describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import { runSyncFunction, useSyncWorld } from "./sync-harness";

// The radar through the real Inngest functions and the fake tenant: a reason appears after the sync that brings
// its cause, and clears after the one that brings it back in order.

const world = useSyncWorld({ users: 200, devices: 100 });
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

/**
 * A synced device with an owner who is an active client, and no Intune check-in older than the limit (the
 * fake tenant dates its devices from June 2025: most last signed in long ago, so the test moves the sign-in itself).
 */
async function ownedDevice() {
  const [row] = await db
    .select({ device: devices, owner: clients })
    .from(devices)
    .innerJoin(clients, eq(clients.id, devices.ownerClientId))
    .where(
      and(
        eq(devices.status, "active"),
        eq(clients.status, "active"),
        sql`(${devices.intuneLastSyncAt} IS NULL OR ${devices.intuneLastSyncAt} > now() - interval '30 days')`,
      ),
    )
    .orderBy(devices.displayName)
    .limit(1);
  expect(row, "a synced device with an active owner").toBeDefined();
  return row;
}

const reasonsOf = async (id: string) => (await db.select().from(devices).where(eq(devices.id, id)))[0].attentionReasons;

describe("the attention radar at each sync", () => {
  it("stale appears after the devices sync that sees no sign-in for 132 days, and clears after one that sees a sign-in again", async () => {
    await runSyncFunction("users");
    await runSyncFunction("devices");
    const { device } = await ownedDevice();
    const { control } = world.fake;
    const signIn = (days: number) =>
      control.updateDevice({ id: device.entraObjectId!, changes: { approximateLastSignInDateTime: daysAgo(days) } });
    signIn(1);
    await runSyncFunction("devices");
    expect(await reasonsOf(device.id)).not.toContain("stale");
    signIn(132);
    expect((await runSyncFunction("devices")).run.status).toBe("succeeded");
    expect(await reasonsOf(device.id)).toContain("stale");
    signIn(0);
    await runSyncFunction("devices");
    expect(await reasonsOf(device.id)).not.toContain("stale");
  });

  it("owner gone appears after the users sync that disables the owner, and clears after the one that enables them", async () => {
    await runSyncFunction("users");
    await runSyncFunction("devices");
    const { device, owner } = await ownedDevice();
    expect(await reasonsOf(device.id)).not.toContain("owner_gone");
    const { control } = world.fake;
    control.disableUser({ id: owner.entraObjectId! });
    expect((await runSyncFunction("users")).run.status).toBe("succeeded");
    expect(await reasonsOf(device.id)).toContain("owner_gone");
    control.enableUser({ id: owner.entraObjectId! });
    await runSyncFunction("users");
    expect(await reasonsOf(device.id)).not.toContain("owner_gone");
  });
});
