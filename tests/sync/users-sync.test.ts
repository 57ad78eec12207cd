import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, syncRuns } from "@/db/schema";
import { isExternalUser } from "@/lib/synced-fields";
import { applyReviewedRun } from "@/lib/sync-runs/apply-reviewed-run";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { runSync } from "@/lib/sync-runs/run-sync";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { theConnection } from "../support/database";
import { clientsByObjectId, listedUsers, runSyncFunction, saveSettings, useSyncWorld } from "./sync-harness";

const world = useSyncWorld({ users: 3000, devices: 10 });
const memberIds = (users: Awaited<ReturnType<typeof listedUsers>>) =>
  users.filter((u) => !isExternalUser(u.userType, u.userPrincipalName));

describe("a users sync through the real Inngest function", () => {
  it("first lists every user across pages: members become clients, disabled accounts disabled, guests skipped", async () => {
    const { run, stepOutputs } = await runSyncFunction("users");
    expect(stepOutputs).toContain('"nextLink"');
    expect(stepOutputs).not.toContain(CONTOSO.goodApp.secret);
    expect(stepOutputs).not.toMatch(/access_?token|Bearer|client_?secret/i);
    const listed = await listedUsers(world.fake);
    const members = memberIds(listed);
    const rows = await clientsByObjectId();
    expect(run.status).toBe("succeeded");
    expect(run.full).toBe(true);
    expect(run.pagesDone).toBeGreaterThan(3);
    expect(rows.size).toBe(members.length);
    expect(run.counts).toMatchObject({ created: members.length, skipped: listed.length - members.length });
    expect(run.skippedReasons).toEqual({
      "external user (Sync external users is off)": listed.length - members.length,
    });
    for (const user of members.slice(0, 200)) {
      const row = rows.get(user.id)!;
      expect(row).toMatchObject({
        displayName: user.displayName,
        mail: user.mail,
        source: "azure",
        status: user.accountEnabled ? "active" : "disabled",
      });
    }
    expect(await db.select().from(clients).where(eq(clients.status, "disabled"))).toHaveLength(
      members.filter((u) => !u.accountEnabled).length,
    );
  });

  it("run twice, the second sync (a delta) changes nothing", async () => {
    await runSyncFunction("users");
    const before = await db.select().from(clients).orderBy(clients.id);
    const { run } = await runSyncFunction("users");
    expect(run.full).toBe(false);
    expect(run.counts).toMatchObject({ created: 0, updated: 0, disabled: 0, removed: 0, restored: 0 });
    const after = await db.select().from(clients).orderBy(clients.id);
    expect(after.map(({ lastSyncedAt, ...rest }) => rest)).toEqual(before.map(({ lastSyncedAt, ...rest }) => rest));
  });

  it("a delta brings every kind of change: new, changed, disabled, soft-deleted, hard-deleted, restored", async () => {
    const { control } = world.fake;
    const restoredLater = control.userIdAt({ index: 5 });
    control.softDeleteUser({ id: restoredLater });
    await runSyncFunction("users");
    const rowId = (await clientsByObjectId()).get(restoredLater)?.id;
    expect((await clientsByObjectId()).get(restoredLater)?.status ?? "absent").toBe("absent");

    const enabledMembers = memberIds(await listedUsers(world.fake)).filter(
      (u) => u.accountEnabled && u.id !== restoredLater,
    );
    const [changed, disabled, softDeleted, hardDeleted] = enabledMembers.slice(0, 4).map((u) => u.id);
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
    control.restoreUser({ id: restoredLater });
    const before = await clientsByObjectId();

    const { run } = await runSyncFunction("users");
    const after = await clientsByObjectId();
    expect(run.full).toBe(false);
    expect(after.get(newcomer.id)).toMatchObject({ displayName: "Zoë Newcomer", status: "active" });
    expect(after.get(changed)).toMatchObject({ jobTitle: "Chief Vertask Officer", id: before.get(changed)!.id });
    expect(after.get(disabled)).toMatchObject({ status: "disabled", id: before.get(disabled)!.id });
    expect(after.get(softDeleted)).toMatchObject({ status: "removed", id: before.get(softDeleted)!.id });
    expect(after.get(hardDeleted)).toMatchObject({ status: "removed", id: before.get(hardDeleted)!.id });
    expect(after.get(restoredLater)?.status).toBe("active");
    expect(rowId).toBeUndefined();
    // The user restored here was deleted before Vertask first saw them: for Vertask it is new.
    expect(run.counts).toMatchObject({ created: 2, updated: 1, disabled: 1, removed: 2 });
  });

  it("a soft-deleted user who comes back is restored in the same row", async () => {
    const id = world.fake.control.userIdAt({ index: 20 });
    await runSyncFunction("users");
    const original = (await clientsByObjectId()).get(id)!;
    world.fake.control.softDeleteUser({ id });
    await runSyncFunction("users");
    expect((await clientsByObjectId()).get(id)!.status).toBe("removed");
    world.fake.control.restoreUser({ id });
    const { run } = await runSyncFunction("users");
    const back = (await clientsByObjectId()).get(id)!;
    expect(back).toMatchObject({ id: original.id, status: original.status === "disabled" ? "disabled" : "active" });
    expect(run.counts!.restored + run.counts!.updated).toBeGreaterThanOrEqual(1);
  });

  it("guests are synced and marked external only while Sync external users is on, and removed when it is turned off", async () => {
    await saveSettings(world.admin, { syncExternalUsers: true });
    await runSyncFunction("users");
    const listed = await listedUsers(world.fake);
    const guests = listed.filter((u) => isExternalUser(u.userType, u.userPrincipalName));
    expect(guests.length).toBeGreaterThan(0);
    let rows = await clientsByObjectId();
    for (const guest of guests) expect(rows.get(guest.id)).toMatchObject({ isExternal: true });

    await saveSettings(world.admin, { syncExternalUsers: false, secret: "" });
    const { run } = await runSyncFunction("users");
    rows = await clientsByObjectId();
    expect(run.full).toBe(true);
    for (const guest of guests) expect(rows.get(guest.id)!.status).toBe("removed");
    expect(run.status).toBe("succeeded");
  });

  it("a 429 in the middle is waited out and the sync completes with the same result", async () => {
    world.fake.control.failNextRequests({
      count: 2,
      status: 429,
      retryAfterSeconds: 1,
      target: "graph",
      afterRequests: 2,
    });
    const { run } = await runSyncFunction("users");
    expect(run.status).toBe("succeeded");
    expect((await clientsByObjectId()).size).toBe(memberIds(await listedUsers(world.fake)).length);
  });

  it("an expired delta token makes the same run list everything again by itself", async () => {
    await runSyncFunction("users");
    world.fake.control.expireDeltaTokens({});
    const gone = world.fake.control.userIdAt({ index: 30 });
    world.fake.control.hardDeleteUser({ id: gone });
    const { run } = await runSyncFunction("users");
    expect(run).toMatchObject({ status: "succeeded", full: true });
    expect((await clientsByObjectId()).get(gone)!.status).toBe("removed");
  });

  it("removing more than 10% of the active clients stops for review, and Apply anyway applies it", async () => {
    await runSyncFunction("users");
    const active = (await db.select().from(clients).where(eq(clients.status, "active"))).length;
    const victims = Array.from({ length: 400 }, (_, i) => world.fake.control.userIdAt({ index: 100 + i }));
    for (const id of victims) world.fake.control.hardDeleteUser({ id });
    const { run } = await runSyncFunction("users");
    expect(run.status).toBe("needs_review");
    expect(run.reviewNote).toMatch(new RegExp(`of ${active} active synced clients, more than 10%`));
    expect(await db.select().from(clients).where(eq(clients.status, "removed"))).toHaveLength(0);

    const applied = await applyReviewedRun(world.admin, run.id);
    expect(applied.removed).toBeGreaterThan(active * 0.1);
    const [after] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(after.status).toBe("succeeded");
    expect((await runSyncFunction("users")).run.counts).toMatchObject({ removed: 0, created: 0 });
  });

  it("a wrong secret fails at once, without retries, with the classified message in the run", async () => {
    await saveSettings(world.admin, { secret: "Zz9Q~thisIsNotTheRightSecretValue.1234" });
    world.fake.control.resetRequestCounts();
    const { run, error } = await runSyncFunction("users");
    expect(error).toBeTruthy();
    expect(run.status).toBe("failed");
    expect(run.errorCode).toBe("wrong_secret");
    expect(run.errorMessage).toMatch(/Value/);
    expect(run.errorMessage).not.toContain("thisIsNotTheRightSecretValue");
    expect(world.fake.control.requestCounts().token).toBe(1);
    expect(world.fake.control.requestCounts().graph).toBe(0);
  });

  it("a wrong secret met in a step is recorded by that step, once: the command line's runner takes no second record-failure step", async () => {
    await saveSettings(world.admin, { secret: "Zz9Q~thisIsNotTheRightSecretValue.1234" });
    const connection = (await theConnection())!;
    const queued = (await createSyncRun({
      connectionId: connection.id,
      kind: "users",
      trigger: "command_line",
      full: false,
      preview: false,
      requestedByName: "command line (test)",
    }))!;
    const steps: string[] = [];
    const failure = await runSync(queued.id, (id, work) => (steps.push(id), work())).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(steps).toEqual(["begin-run", "users-delta-link-from-page-0"]);
    const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, queued.id));
    expect(run).toMatchObject({ status: "failed", errorCode: "wrong_secret" });
  });
});
