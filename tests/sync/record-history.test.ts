import { describe, expect, it } from "vitest";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { allUsersScope, recordEvents, type UsersScope } from "@/db/schema";
import { saveUsersScope } from "@/lib/connections";
import { isExternalUser } from "@/lib/synced-fields";
import { applyReviewedRun } from "@/lib/sync-runs/apply-reviewed-run";
import { soleOrganizationId } from "@/tests/support/database";
import { clientsByObjectId, devicesByObjectId, listedUsers, runSyncFunction, useSyncWorld } from "./sync-harness";

const world = useSyncWorld({ users: 600, devices: 60 });
const members = async () =>
  (await listedUsers(world.fake)).filter((u) => !isExternalUser(u.userType, u.userPrincipalName));

const eventsOfRun = (runId: string) => db.select().from(recordEvents).where(eq(recordEvents.runId, runId));

describe("a sync tells each record's story", () => {
  it("a delta writes exactly one event per change, with the old and new values and the removals' reasons", async () => {
    const { control } = world.fake;
    const first = await runSyncFunction("users");
    const created = await eventsOfRun(first.run.id);
    expect(created.length).toBe(first.run.counts!.created);
    expect(new Set(created.map((e) => e.kind))).toEqual(new Set(["created"]));
    expect(new Set(created.map((e) => e.clientId)).size).toBe(created.length);

    const [changed, disabled, softDeleted, hardDeleted] = (await members())
      .filter((u) => u.accountEnabled)
      .slice(0, 4)
      .map((u) => u.id);
    const before = await clientsByObjectId();
    const newcomer = control.addUser({
      displayName: "Zoë Newcomer",
      userType: "Member",
      accountEnabled: true,
      userPrincipalName: "zoe.newcomer@contoso.onmicrosoft.com",
    });
    control.updateUser({ id: changed, changes: { jobTitle: "Chief Vertask Officer" } });
    control.disableUser({ id: disabled });
    control.softDeleteUser({ id: softDeleted });
    control.hardDeleteUser({ id: hardDeleted });

    const { run } = await runSyncFunction("users");
    const after = await clientsByObjectId();
    const told = (await eventsOfRun(run.id)).map((e) => ({
      clientId: e.clientId,
      kind: e.kind,
      reason: e.reason,
      changes: e.changes,
    }));
    expect(told).toHaveLength(5);
    expect(told).toEqual(
      expect.arrayContaining([
        { clientId: after.get(newcomer.id)!.id, kind: "created", reason: null, changes: null },
        {
          clientId: before.get(changed)!.id,
          kind: "changed",
          reason: null,
          changes: [{ field: "jobTitle", from: before.get(changed)!.jobTitle, to: "Chief Vertask Officer" }],
        },
        {
          clientId: before.get(disabled)!.id,
          kind: "disabled",
          reason: "account disabled in Microsoft Entra",
          changes: null,
        },
        {
          clientId: before.get(softDeleted)!.id,
          kind: "removed",
          reason: "deleted in Microsoft Entra (restorable for 30 days)",
          changes: null,
        },
        { clientId: before.get(hardDeleted)!.id, kind: "removed", reason: "deleted in Microsoft Entra", changes: null },
      ]),
    );

    control.restoreUser({ id: softDeleted });
    control.enableUser({ id: disabled });
    const back = await runSyncFunction("users");
    expect((await eventsOfRun(back.run.id)).map((e) => [e.clientId, e.kind]).sort()).toEqual(
      [
        [before.get(softDeleted)!.id, "restored"],
        [before.get(disabled)!.id, "enabled"],
      ].sort(),
    );
  });

  it("narrowing the scope tells each removed client it left the sync scope, and Apply anyway names who applied it", async () => {
    await runSyncFunction("users");
    const scope: UsersScope = { ...allUsersScope, skipUnlicensed: true };
    await saveUsersScope(world.admin, await soleOrganizationId(), scope);
    const held = await runSyncFunction("users");
    expect(held.run.status).toBe("needs_review");
    expect(await eventsOfRun(held.run.id)).toEqual([]);

    await applyReviewedRun(world.admin, held.run.id);
    const removals = await eventsOfRun(held.run.id);
    const unlicensed = (await members()).filter((u) => !u.assignedLicenses?.length);
    expect(removals.length).toBe(unlicensed.length);
    const rows = await clientsByObjectId();
    expect(new Set(removals.map((e) => e.clientId))).toEqual(new Set(unlicensed.map((u) => rows.get(u.id)!.id)));
    for (const event of removals) {
      expect(event).toMatchObject({
        kind: "removed",
        reason: "left the sync scope (no licence)",
        staffName: "Sam Admin",
      });
    }
  });

  it("a device whose owner changes tells it, from the old owner to the new one", async () => {
    await runSyncFunction("users");
    await runSyncFunction("devices");
    const [objectId, device] = [...(await devicesByObjectId())].find(([, row]) => row.ownerEntraObjectId)!;
    const newOwner = (await members()).find((u) => u.id !== device.ownerEntraObjectId)!.id;
    world.fake.control.setDeviceOwners({ deviceId: objectId, ownerIds: [newOwner] });

    const { run } = await runSyncFunction("devices", { full: true });
    const told = await eventsOfRun(run.id);
    expect(told).toEqual([
      expect.objectContaining({
        deviceId: device.id,
        kind: "owner_changed",
        changes: [{ field: "ownerEntraObjectId", from: device.ownerEntraObjectId, to: newOwner }],
      }),
    ]);
  });

  it("a client added by hand that a sync takes over is told as matched, never as created", async () => {
    const user = (await members()).find((u) => u.accountEnabled && u.mail)!;
    const [handMade] = await db.execute<{ id: string }>(
      // The same row the "Add client" form writes; the form's own history event is lib/clients' concern.
      sql`
        INSERT INTO clients (organization_id, display_name, mail, source)
        VALUES (${await soleOrganizationId()}, 'Ana (added by hand)', ${user.mail}, 'manual') RETURNING id`,
    );
    const { run } = await runSyncFunction("users");
    const ofHandMade = await db
      .select()
      .from(recordEvents)
      .where(and(eq(recordEvents.clientId, handMade.id), isNotNull(recordEvents.runId)));
    expect(ofHandMade.map((e) => [e.kind, e.runId])).toEqual([["matched", run.id]]);
  });
});
