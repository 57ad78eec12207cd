import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { allUsersScope, clients, entraConnections, syncPendingChanges, type UsersScope } from "@/db/schema";
import { isExternalUser } from "@/lib/synced-fields";
import { saveUsersScope } from "@/lib/connections";
import { clientsByObjectId, listedUsers, runSyncFunction, useSyncWorld } from "./sync-harness";
import { theConnection, soleOrganizationId } from "@/tests/support/database";

const world = useSyncWorld({ users: 600, devices: 5 });
const members = async () =>
  (await listedUsers(world.fake)).filter((u) => !isExternalUser(u.userType, u.userPrincipalName));
const scoped = async (scope: Partial<UsersScope>) =>
  saveUsersScope(world.admin, await soleOrganizationId(), { ...allUsersScope, ...scope });
const group = (name: string) => {
  const found = world.fake.control.groups().find((g) => g.displayName === name);
  if (!found) throw new Error(`The fake tenant has no group ${name}`);
  return { id: found.id, displayName: found.displayName };
};

describe("a users sync scoped by group", () => {
  it("brings in exactly the members of the chosen group and of the groups nested in it; the others are counted as not in the chosen groups", async () => {
    const engineering = group("Engineering");
    const inScope = new Set(world.fake.control.transitiveUserIds({ groupId: engineering.id }));
    const nested = world.fake.control.transitiveUserIds({ groupId: group("Platform Team").id });
    expect(nested.length).toBeGreaterThan(0);
    expect(nested.every((id) => inScope.has(id))).toBe(true); // Platform Team is nested in Engineering
    await scoped({ mode: "groups", groups: [engineering] });
    const { run } = await runSyncFunction("users");
    const expected = (await members()).filter((u) => inScope.has(u.id));
    const rows = await clientsByObjectId();
    expect(run.status).toBe("succeeded");
    expect([...rows.keys()].sort()).toEqual(expected.map((u) => u.id).sort());
    expect(run.counts?.created).toBe(expected.length);
    expect(run.skippedReasons?.["not in the chosen groups"]).toBe((await members()).length - expected.length);
  });

  it("a user who leaves the groups is removed as having left the sync scope, and comes back in the same row on rejoining", async () => {
    const sales = group("Sales");
    await scoped({ mode: "groups", groups: [sales] });
    await runSyncFunction("users");
    const synced = await clientsByObjectId();
    const leaver = world.fake.control
      .transitiveUserIds({ groupId: sales.id })
      .find((id) => synced.get(id)?.status === "active")!;
    const before = synced.get(leaver)!;
    world.fake.control.removeGroupMember({ groupId: sales.id, memberId: leaver });
    const left = (await runSyncFunction("users")).run;
    expect(left.status).toBe("succeeded");
    expect(left.counts?.removed).toBe(1);
    expect((await clientsByObjectId()).get(leaver)).toMatchObject({ id: before.id, status: "removed" });
    const [why] = await db
      .select()
      .from(syncPendingChanges)
      .where(and(eq(syncPendingChanges.runId, left.id), eq(syncPendingChanges.entraObjectId, leaver)));
    expect(why.reason).toBe("left the sync scope (not in the chosen groups)");

    world.fake.control.addGroupMember({ groupId: sales.id, memberId: leaver });
    const back = (await runSyncFunction("users")).run;
    expect(back.counts).toMatchObject({ restored: 1, created: 0 });
    expect((await clientsByObjectId()).get(leaver)).toMatchObject({ id: before.id, status: before.status });
  });

  it("narrowing the scope so that more than the review threshold would be removed stops as Needs review, removing nothing", async () => {
    await runSyncFunction("users");
    const everyone = await db.$count(clients, eq(clients.status, "active"));
    await scoped({ mode: "groups", groups: [group("Platform Team")] });
    const { run } = await runSyncFunction("users");
    expect(run.full).toBe(true);
    expect(run.status).toBe("needs_review");
    expect(run.reviewNote).toMatch(/would disable 0 and remove \d+ of \d+ active synced clients/);
    expect(await db.$count(clients, eq(clients.status, "active"))).toBe(everyone);
  });
});

describe("exclusion rules", () => {
  it("skip accounts with no licence, accounts matching patterns, and accounts disabled when first seen, each counted with its reason", async () => {
    await scoped({ skipUnlicensed: true, skipPatterns: ["svc-*", "noreply@*"], skipDisabledOnFirstSight: true });
    const { run } = await runSyncFunction("users");
    const all = await members();
    const matches = (u: (typeof all)[number], prefix: string) =>
      [u.userPrincipalName, u.mail].some((a) => a?.toLowerCase().startsWith(prefix));
    const patterned = all.filter((u) => matches(u, "svc-") || matches(u, "noreply@"));
    const unlicensed = all.filter((u) => !patterned.includes(u) && !u.assignedLicenses?.length);
    const disabled = all.filter((u) => !patterned.includes(u) && !unlicensed.includes(u) && !u.accountEnabled);
    expect(patterned.length).toBeGreaterThan(0);
    expect(unlicensed.length).toBeGreaterThan(0);
    expect(disabled.length).toBeGreaterThan(0);
    const reasons = run.skippedReasons!;
    expect((reasons["matches svc-*"] ?? 0) + (reasons["matches noreply@*"] ?? 0)).toBe(patterned.length);
    expect(reasons["no licence"]).toBe(unlicensed.length);
    expect(reasons["disabled when first seen"]).toBe(disabled.length);
    expect((await clientsByObjectId()).size).toBe(all.length - patterned.length - unlicensed.length - disabled.length);
    expect(run.examples?.["skipped: no licence"]?.length).toBeGreaterThan(0);
  });

  it("changing the rules makes the next sync list everyone again, and a client that starts matching a rule is removed", async () => {
    await runSyncFunction("users");
    expect((await runSyncFunction("users")).run.full).toBe(false);
    const licensed = (await members()).find((u) => u.accountEnabled && u.assignedLicenses?.length)!;
    world.fake.control.setUserLicensed({ id: licensed.id, licensed: false });
    // Every unlicensed account leaves at once, more than the 10% that would stop the sync for review.
    await db.update(entraConnections).set({ reviewThresholdPercent: 50 });
    await scoped({ skipUnlicensed: true });
    const { run } = await runSyncFunction("users");
    expect(run.full).toBe(true);
    expect((await clientsByObjectId()).get(licensed.id)?.status).toBe("removed");
    expect((await runSyncFunction("users")).run.full).toBe(false);
  });
});

describe("Preview", () => {
  it("counts what a sync would do, with names, and writes nothing; the sync that follows does exactly that", async () => {
    await runSyncFunction("users");
    const { control } = world.fake;
    const [changed, disabled, removed] = (await members())
      .filter((u) => u.accountEnabled)
      .slice(0, 3)
      .map((u) => u.id);
    control.updateUser({ id: changed, changes: { jobTitle: "Previewed" } });
    control.disableUser({ id: disabled });
    control.hardDeleteUser({ id: removed });
    control.addUser({
      displayName: "Pia Preview",
      userType: "Member",
      accountEnabled: true,
      userPrincipalName: "pia.preview@contoso.onmicrosoft.com",
    });
    await scoped({ skipPatterns: ["svc-*"] });

    const rowsBefore = await db.select().from(clients).orderBy(clients.id);
    const [connectionBefore] = await db.select().from(entraConnections);
    const preview = (await runSyncFunction("users", { preview: true })).run;
    expect(preview).toMatchObject({ status: "succeeded", preview: true });
    expect(await db.select().from(clients).orderBy(clients.id)).toEqual(rowsBefore);
    expect((await theConnection())!.usersDeltaLink).toBe(connectionBefore.usersDeltaLink);
    expect(preview.examples?.created).toContain("Pia Preview");
    expect(preview.counts?.removed).toBeGreaterThan(0);

    const sync = (await runSyncFunction("users")).run;
    expect(sync.status).toBe("succeeded");
    expect(sync.counts).toEqual(preview.counts);
    expect(sync.skippedReasons).toEqual(preview.skippedReasons);
  });
});

describe("clients added by hand", () => {
  const handMade = (displayName: string, mail: string) =>
    theConnection().then(async (connection) => {
      const [row] = await db
        .insert(clients)
        .values({
          organizationId: connection!.organizationId,
          displayName,
          mail,
          source: "manual",
          notes: "Prefers a phone call",
        })
        .returning();
      return row;
    });

  it("a user with the address of one hand-made client takes that client over instead of creating another", async () => {
    const user = (await members()).find((u) => u.accountEnabled && u.mail)!;
    const row = await handMade("Ana (added by hand)", `  ${user.mail!.toUpperCase()} `);
    const { run } = await runSyncFunction("users");
    expect(run.counts?.matched).toBe(1);
    expect(run.examples?.matched).toEqual([user.displayName]);
    const adopted = (await clientsByObjectId()).get(user.id)!;
    expect(adopted).toMatchObject({
      id: row.id,
      source: "azure",
      displayName: user.displayName,
      mail: user.mail,
      notes: "Prefers a phone call",
    });
    expect(await db.$count(clients)).toBe((await members()).length);
  });

  it("the client taken over keeps the phone and company typed by hand where Entra has none, at that sync and every later one", async () => {
    const user = (await members()).find((u) => u.accountEnabled && u.mail)!;
    world.fake.control.updateUser({ id: user.id, changes: { mobilePhone: null, companyName: "Contoso Ltd" } });
    const [row] = await db
      .insert(clients)
      .values({
        organizationId: (await theConnection())!.organizationId,
        displayName: "Ana",
        mail: user.mail,
        mobilePhone: "+41 44 555 01 02",
        companyName: "Typed Co",
        source: "manual",
      })
      .returning();

    await runSyncFunction("users");
    // Entra has no phone, so the typed one stays; Entra has a company, so Entra's wins.
    expect((await clientsByObjectId()).get(user.id)).toMatchObject({
      id: row.id,
      source: "azure",
      mobilePhone: "+41 44 555 01 02",
      companyName: "Contoso Ltd",
    });

    const { run: full } = await runSyncFunction("users", { full: true });
    expect(full.counts?.updated).toBe(0);
    expect((await clientsByObjectId()).get(user.id)).toMatchObject({ mobilePhone: "+41 44 555 01 02" });

    world.fake.control.updateUser({ id: user.id, changes: { mobilePhone: "+1 555 0199" } });
    await runSyncFunction("users");
    expect((await clientsByObjectId()).get(user.id)).toMatchObject({ mobilePhone: "+1 555 0199" });
    world.fake.control.updateUser({ id: user.id, changes: { mobilePhone: null, companyName: null } });
    await runSyncFunction("users");
    expect((await clientsByObjectId()).get(user.id)).toMatchObject({
      mobilePhone: "+41 44 555 01 02",
      companyName: "Typed Co",
    });
  });

  it("when two hand-made clients have the user's address, neither is taken over: the user is skipped with the count and named", async () => {
    const user = (await members()).find((u) => u.accountEnabled && u.mail)!;
    await handMade("First copy", user.mail!);
    await handMade("Second copy", user.mail!);
    const { run } = await runSyncFunction("users");
    const reason = "2 clients added by hand have this address";
    expect(run.skippedReasons?.[reason]).toBe(1);
    expect(run.examples?.[`skipped: ${reason}`]).toEqual([user.displayName]);
    expect((await clientsByObjectId()).has(user.id)).toBe(false);
    expect(await db.$count(clients, eq(clients.source, "manual"))).toBe(2);
  });
});
