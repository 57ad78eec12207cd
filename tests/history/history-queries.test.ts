// A record's history and a run's page read against real syncs of the fake tenant: newest first and paged, each
// event with its run; a run's changes filtered by action and reason, found by name, exported; each visible
// exactly to whom its record or run is.
import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { entraConnections } from "@/db/schema";
import { isExternalUser } from "@/lib/synced-fields";
import { appendRecordEvents } from "@/lib/history";
import { eventThatMadeIt, recordHistory } from "@/lib/history/queries";
import { listRunChanges, runChangeReasons } from "@/lib/history/run-changes";
import { runChangesCsv } from "@/lib/history/run-changes-csv";
import { getSyncRun } from "@/lib/sync-runs/queries";
import { productImports } from "@/tests/architecture/imports";
import { createActor, soleOrganizationId } from "../support/database";
import { organizationId } from "../support/organizations";
import { clientsByObjectId, listedUsers, runSyncFunction, useSyncWorld } from "../sync/sync-harness";

const softDeleted = "deleted in Microsoft Entra (restorable for 30 days)";
const world = useSyncWorld({ users: 150, devices: 5 });

/** Enabled members of the fake tenant, from the `from`th on: each test changes its own. */
async function enabledMembers(from: number, n: number) {
  const users = (await listedUsers(world.fake)).filter(
    (u) => u.accountEnabled && !isExternalUser(u.userType, u.userPrincipalName),
  );
  return users.slice(from, from + n);
}

const allOf = async (lines: AsyncGenerator<string>) => {
  let text = "";
  for await (const line of lines) text += line;
  return text;
};

describe("a client's history", () => {
  it("tells each sync's change newest first, with its run, and the removal that made the client so", async () => {
    const [user] = await enabledMembers(0, 1);
    const created = (await runSyncFunction("users")).run;
    world.fake.control.updateUser({ id: user.id, changes: { jobTitle: "Head of Cheese" } });
    const changed = (await runSyncFunction("users")).run;
    world.fake.control.disableUser({ id: user.id });
    const disabled = (await runSyncFunction("users")).run;
    world.fake.control.hardDeleteUser({ id: user.id });
    const removed = (await runSyncFunction("users")).run;
    const client = (await clientsByObjectId()).get(user.id)!;
    expect(client.status).toBe("removed");

    const { entries, total } = await recordHistory(world.admin, { clientId: client.id }, 1);
    expect(total.count).toBe(4);
    expect(entries.map(({ event, run }) => [event.kind, run?.id])).toEqual([
      ["removed", removed.id],
      ["disabled", disabled.id],
      ["changed", changed.id],
      ["created", created.id],
    ]);
    expect(entries[0].event.reason).toBe("deleted in Microsoft Entra");
    expect(entries[1].event.reason).toBe("account disabled in Microsoft Entra");
    expect(entries[2].event.changes).toContainEqual({
      field: "jobTitle",
      from: user.jobTitle ?? null,
      to: "Head of Cheese",
    });

    const why = await eventThatMadeIt(world.admin, { clientId: client.id }, "removed");
    expect(why).toMatchObject({
      event: { kind: "removed", reason: "deleted in Microsoft Entra" },
      run: { id: removed.id },
    });
    const other = (await clientsByObjectId()).get((await enabledMembers(1, 1))[0].id)!;
    expect(await eventThatMadeIt(world.admin, { clientId: other.id }, "active")).toBeNull();
  });

  it("pages of 50 go back in time without overlap, and hold only this client's events", async () => {
    await runSyncFunction("users");
    const [a, b] = await enabledMembers(2, 2);
    const rows = await clientsByObjectId();
    const [clientA, clientB] = [rows.get(a.id)!, rows.get(b.id)!];
    const staff = await createActor("technician", "Tess Tech");
    await db.transaction((tx) =>
      appendRecordEvents(
        tx,
        Array.from({ length: 120 }, (_, i) => ({
          organizationId: clientA.organizationId,
          clientId: i % 2 ? clientA.id : clientB.id,
          kind: "notes_changed" as const,
          staffId: staff.id,
          staffName: staff.name,
        })),
      ),
    );
    const pages = await Promise.all([1, 2].map((page) => recordHistory(staff, { clientId: clientA.id }, page)));
    const ids = pages.flatMap((page) => page.entries.map(({ event }) => event.id));
    expect(pages[0].total.count).toBe(61);
    expect(pages.map((page) => page.entries.length)).toEqual([50, 11]);
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(new Set(ids).size).toBe(61);
    expect(pages.flatMap((page) => page.entries).every(({ event }) => event.clientId === clientA.id)).toBe(true);
    expect(pages[1].entries.at(-1)?.event.kind).toBe("created");
  });
  it("a client with 1,000 events pages through all of them to its creation (speed: npm run bench)", async () => {
    await runSyncFunction("users");
    const client = (await clientsByObjectId()).get((await enabledMembers(4, 1))[0].id)!;
    const events = Array.from({ length: 1000 }, () => ({
      organizationId: client.organizationId,
      clientId: client.id,
      kind: "edited_by_hand" as const,
      staffName: "Tess Tech",
      changes: [{ field: "mobilePhone", from: "1", to: "2" }],
    }));
    await db.transaction((tx) => appendRecordEvents(tx, events));
    const first = await recordHistory(world.admin, { clientId: client.id }, 1);
    expect(first.total.count).toBe(1001);
    const last = await recordHistory(world.admin, { clientId: client.id }, 21);
    expect(last.entries.map(({ event }) => event.kind)).toEqual(["created"]);
  });
});

describe("a run's page", () => {
  it("lists what the run changed, by action, by reason and by name, and exports it as the page words it", async () => {
    await runSyncFunction("users");
    const [gone1, gone2, renamed] = await enabledMembers(10, 3);
    world.fake.control.softDeleteUser({ id: gone1.id });
    world.fake.control.hardDeleteUser({ id: gone2.id });
    world.fake.control.updateUser({ id: renamed.id, changes: { displayName: '=HYPERLINK("x")', jobTitle: "Boss" } });
    const { run } = await runSyncFunction("users");
    expect(run.counts).toMatchObject({ removed: 2, updated: 1 });
    const found = (await getSyncRun(world.admin, await soleOrganizationId(), run.id))!;

    const removed = await listRunChanges(world.admin, found, { action: "removed", page: 1 });
    expect(removed.total.count).toBe(2);
    expect(removed.rows.map((row) => [row.name, row.reason]).sort()).toEqual(
      [
        [gone1.displayName, softDeleted],
        [gone2.displayName, "deleted in Microsoft Entra"],
      ].sort(),
    );
    expect(await runChangeReasons(world.admin, found)).toEqual(["deleted in Microsoft Entra", softDeleted]);
    const byReason = await listRunChanges(world.admin, found, { reason: softDeleted, page: 1 });
    expect(byReason.rows.map((row) => row.name)).toEqual([gone1.displayName]);
    expect((await listRunChanges(world.admin, found, { reason: "not in the chosen groups", page: 1 })).rows).toEqual(
      [],
    );
    const updated = await listRunChanges(world.admin, found, { action: "updated", page: 1 });
    expect(updated.rows).toMatchObject([{ action: "changed", name: '=HYPERLINK("x")' }]);
    const byName = await listRunChanges(world.admin, found, { q: gone1.displayName!.slice(0, 6), page: 1 });
    expect(byName.rows.map((row) => row.name)).toContain(gone1.displayName);
    expect(byName.rows.map((row) => row.name)).not.toContain(gone2.displayName);

    const csv = await allOf(runChangesCsv(world.admin, found, {}));
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe("Name,Action,Reason,Changes,Time");
    expect(lines).toHaveLength(4);
    expect(csv).toContain(`${gone2.displayName},Removed,deleted in Microsoft Entra,,`);
    expect(csv).toContain(`"'=HYPERLINK(""x"")",Changed in Microsoft Entra,,`);
    expect(csv).toContain("Job title: ");
    expect(csv).toContain("→ Boss");
  });

  it("a run held for review lists what it holds back, with each reason", async () => {
    await runSyncFunction("users");
    await db.update(entraConnections).set({ reviewThresholdPercent: 1 });
    const gone = await enabledMembers(20, 3);
    for (const user of gone) world.fake.control.softDeleteUser({ id: user.id });
    const { run } = await runSyncFunction("users");
    expect(run.status).toBe("needs_review");
    const found = (await getSyncRun(world.admin, await soleOrganizationId(), run.id))!;
    const held = await listRunChanges(world.admin, found, { action: "held", page: 1 });
    expect(held.rows.map((row) => [row.name, row.action, row.reason]).sort()).toEqual(
      gone.map((u) => [u.displayName, "held_removed", softDeleted]).sort(),
    );
    expect((await listRunChanges(world.admin, found, { page: 1 })).total.count).toBe(3);
  });

  it("is not found for another organization's address, and refused to a technician", async () => {
    const { run } = await runSyncFunction("users");
    const contoso = await soleOrganizationId();
    const fabrikam = await organizationId("Fabrikam");
    expect(await getSyncRun(world.admin, fabrikam, run.id)).toBeNull();
    expect(await getSyncRun(world.admin, contoso, "not-a-run")).toBeNull();
    const technician = await createActor("technician");
    await expect(getSyncRun(technician, contoso, run.id)).rejects.toThrow("Only a superuser");
    const found = (await getSyncRun(world.admin, contoso, run.id))!;
    await expect(listRunChanges(technician, found, { page: 1 })).rejects.toThrow("Only a superuser");
  });
});

describe("the client portal", () => {
  it("shows a client none of the history: nothing under app/portal reads it", () => {
    const reads = productImports().filter(
      ({ from, to }) =>
        from.startsWith("app/portal") &&
        (to.startsWith("lib/history") || to.endsWith("record-history") || to.endsWith("state-line")),
    );
    expect(reads).toEqual([]);
    expect(productImports().some(({ from }) => from.startsWith("app/portal"))).toBe(true);
  });
});
