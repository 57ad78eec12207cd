import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, recordEvents, syncRuns } from "@/db/schema";
import { isExternalUser } from "@/lib/synced-fields";
import { beginSyncRun } from "@/lib/sync-runs/begin-run";
import { PAGES_PER_STEP, syncPages } from "@/lib/sync/page-steps";
import { usersListing } from "@/lib/sync/users-page";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { listedUsers, runSyncFunction, useSyncWorld } from "./sync-harness";
import { theConnection } from "@/tests/support/database";

// 1,100 users in delta pages of 50: 22 pages, more than one step takes.
const world = useSyncWorld({ users: 1100, devices: 0, deltaPageSize: 50 });

async function startedRun() {
  const connection = (await theConnection())!;
  const run = (await createSyncRun({ connectionId: connection.id, kind: "users", trigger: "manual" }))!;
  return (await beginSyncRun(run.id))!;
}

const pagesDone = async (runId: string) =>
  (await db.select().from(syncRuns).where(eq(syncRuns.id, runId)))[0].pagesDone;

describe("steps of several Graph pages", () => {
  it("a listing longer than one step goes on in the next step, and every user arrives once", async () => {
    const { run, stepOutputs } = await runSyncFunction("users");
    const members = (await listedUsers(world.fake)).filter((u) => !isExternalUser(u.userType, u.userPrincipalName));
    expect(run.status).toBe("succeeded");
    expect(run.pagesDone).toBe(22);
    expect(stepOutputs).toContain(`"nextIndex":${PAGES_PER_STEP}`);
    expect(stepOutputs).toContain('"nextIndex":22');
    const rows = await db.select({ objectId: clients.entraObjectId }).from(clients);
    expect(rows).toHaveLength(members.length);
    expect(new Set(rows.map((r) => r.objectId)).size).toBe(members.length);
  });

  it("a step stops after its pages and hands on the link to the next page", async () => {
    const plan = await startedRun();
    const first = await syncPages(plan, usersListing, 0, null);
    expect(first).toMatchObject({ nextIndex: PAGES_PER_STEP, deltaLink: null });
    expect("nextLink" in first && first.nextLink).toBeTruthy();
    expect(await pagesDone(plan.runId)).toBe(PAGES_PER_STEP);
  });

  it("a step starts no further page once its time is up, and the next step goes on from there", async () => {
    const plan = await startedRun();
    const first = await syncPages(plan, usersListing, 0, null, { stepTimeBudgetMs: 0 });
    expect(first).toMatchObject({ nextIndex: 1, deltaLink: null });
    expect(await pagesDone(plan.runId)).toBe(1);
    const second = await syncPages(plan, usersListing, 1, "nextLink" in first ? first.nextLink : null);
    expect(second).toMatchObject({ nextIndex: 1 + PAGES_PER_STEP });
    expect(await pagesDone(plan.runId)).toBe(1 + PAGES_PER_STEP);
  });

  it("a step that failed part-way resumes after the last page it wrote, asking Graph only for the rest", async () => {
    const plan = await startedRun();
    world.fake.control.failNextRequests({ count: 20, status: 500, target: "graph", afterRequests: 5 });
    await expect(syncPages(plan, usersListing, 0, null)).rejects.toThrow();
    const written = await pagesDone(plan.runId);
    expect(written).toBe(5);

    world.fake.control.clearFaults();
    world.fake.control.resetRequestCounts();
    const resumed = await syncPages(plan, usersListing, 0, null);
    expect(resumed).toMatchObject({ nextIndex: PAGES_PER_STEP });
    expect(world.fake.control.requestCounts().graph).toBe(PAGES_PER_STEP - written);
    expect(await pagesDone(plan.runId)).toBe(PAGES_PER_STEP);
    const again = await syncPages(plan, usersListing, 0, null);
    expect(again).toEqual(resumed);
    expect(world.fake.control.requestCounts().graph).toBe(PAGES_PER_STEP - written);
    // Each client the pages wrote is told once in its history, however often the step ran.
    const told = await db.select().from(recordEvents).where(eq(recordEvents.runId, plan.runId));
    expect(told.length).toBe(await db.$count(clients));
    expect(new Set(told.map((event) => event.clientId)).size).toBe(told.length);
  });
});
