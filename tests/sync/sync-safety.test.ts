import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, syncRuns } from "@/db/schema";
import { isExternalUser } from "@/lib/synced-fields";
import { beginSyncRun } from "@/lib/sync-runs/begin-run";
import { syncPages } from "@/lib/sync/page-steps";
import { usersListing } from "@/lib/sync/users-page";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { requestSync } from "@/lib/sync-runs/request-sync";
import { syncUsers } from "@/inngest/sync-users";
import { syncRequested } from "@/lib/job-engine/events";
import { listedUsers, useSyncWorld } from "./sync-harness";
import { useInngestEventApi } from "../support/inngest-event-api";
import { theConnection, soleOrganizationId } from "@/tests/support/database";

const world = useSyncWorld({ users: 1500, devices: 5, deltaPageSize: 300 });

const received = useInngestEventApi();

const memberCount = async () =>
  (await listedUsers(world.fake)).filter((u) => !isExternalUser(u.userType, u.userPrincipalName)).length;

describe("a sync that fails part-way", () => {
  it("a step run twice writes nothing twice and answers the same", async () => {
    const connection = (await theConnection())!;
    const run = (await createSyncRun({ connectionId: connection.id, kind: "users", trigger: "manual" }))!;
    const plan = (await beginSyncRun(run.id))!;
    const first = await syncPages(plan, usersListing, 0, null);
    const rowsAfterFirst = await db.select().from(clients).orderBy(clients.id);
    const again = await syncPages(plan, usersListing, 0, null);
    expect(again).toEqual(first);
    expect(await db.select().from(clients).orderBy(clients.id)).toEqual(rowsAfterFirst);
    expect(rowsAfterFirst.length).toBeGreaterThan(0);
  });

  it("when a page fails and the run is resumed, nothing is lost or duplicated and the counts are exact", async () => {
    const connection = (await theConnection())!;
    const run = (await createSyncRun({ connectionId: connection.id, kind: "users", trigger: "manual" }))!;
    const event = {
      name: syncRequested.users.name,
      data: { runId: run.id, connectionId: connection.id, trigger: "manual", full: false, requestedBy: null },
    };
    // After the delta link a full listing starts from and two pages, the third page answers 500 until Inngest would retry the step.
    world.fake.control.failNextRequests({ count: 20, status: 500, target: "graph", afterRequests: 3 });
    const failed = await new InngestTestEngine({ function: syncUsers }).execute({ events: [event] });
    expect(failed.error).toBeTruthy();
    const [midway] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(midway.pagesDone).toBe(2);

    world.fake.control.clearFaults();
    const resumed = await new InngestTestEngine({ function: syncUsers }).execute({ events: [event] });
    expect(resumed.error).toBeUndefined();
    const [done] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
    const members = await memberCount();
    expect(done.status).toBe("succeeded");
    expect(done.counts!.created).toBe(members);
    const rows = await db.select({ objectId: clients.entraObjectId }).from(clients);
    expect(rows).toHaveLength(members);
    expect(new Set(rows.map((r) => r.objectId)).size).toBe(members);
  });
});

describe("asking twice", () => {
  it("two Sync users now at once start one run; the other is told a sync is already running", async () => {
    const results = await Promise.allSettled([
      requestSync(world.admin, "users", { organizationId: await soleOrganizationId() }),
      requestSync(world.admin, "users", { organizationId: await soleOrganizationId() }),
    ]);
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0].reason.message).toBe("A sync of users is already running: wait for it to finish.");
    expect(await db.select().from(syncRuns)).toHaveLength(1);
    expect(received.map((e) => e.name)).toEqual(["azure/users.sync-requested"]);
  });
});
