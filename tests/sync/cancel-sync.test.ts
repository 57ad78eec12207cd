import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { databaseLostMessage } from "@/db/connection-lost";
import { auditEvents, clients, syncRunPages, syncRuns } from "@/db/schema";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { cancelSync } from "@/lib/sync-runs/cancel-run";
import { syncUsers } from "@/inngest/sync-users";
import { syncRunEndedByJobEngine } from "@/inngest/sync-run-ended-by-job-engine";
import { syncCancelRequested, syncRequested } from "@/lib/job-engine/events";
import { createActor, theConnection } from "../support/database";
import { useInngestEventApi } from "../support/inngest-event-api";
import { expectClientsEqualTheTenant, runSyncFunction, useSyncWorld } from "./sync-harness";
import { startSyncProcess } from "./command-line-process";

const world = useSyncWorld({ users: 1200, devices: 5, deltaPageSize: 50 });
const received = useInngestEventApi();

const runOf = async (id: string) => (await db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0];

async function startJobEngineSync() {
  const connection = (await theConnection())!;
  const run = (await createSyncRun({
    connectionId: connection.id,
    kind: "users",
    trigger: "manual",
    requestedByName: "Sam Admin",
  }))!;
  const data = { runId: run.id, connectionId: connection.id, trigger: "manual", full: false, requestedBy: "Sam Admin" };
  const execution = new InngestTestEngine({ function: syncUsers }).execute({
    events: [{ name: syncRequested.users.name, data }],
  });
  return { run, execution };
}

describe("Cancel sync", () => {
  it("stops a running job-engine sync after the page being written; what was written stays, and the next sync starts normally", async () => {
    world.fake.control.setLatency({ ms: 60, target: "graph" });
    const { run, execution } = await startJobEngineSync();
    await expect.poll(async () => (await runOf(run.id)).pagesDone, { timeout: 10_000 }).toBeGreaterThan(1);

    const cancelled = await cancelSync(world.admin, run.id);
    expect(cancelled).toMatchObject({ status: "cancelled", errorMessage: "Cancelled by Sam Admin." });
    const pagesAtCancel = cancelled.pagesDone;
    await execution;

    const ended = await runOf(run.id);
    expect(ended.status).toBe("cancelled");
    // No page written after the cancel, and every page written is whole and counted.
    expect(ended.pagesDone).toBe(pagesAtCancel);
    expect(await db.select().from(syncRunPages).where(eq(syncRunPages.runId, run.id))).toHaveLength(pagesAtCancel);
    expect(await db.select().from(clients)).toHaveLength(ended.counts!.created);
    expect(received).toContainEqual(
      expect.objectContaining({ name: syncCancelRequested.name, data: { runId: run.id } }),
    );
    expect((await db.select().from(auditEvents)).map((e) => e.summary)).toContain("Cancelled a sync of users");

    world.fake.control.clearFaults();
    const next = await runSyncFunction("users");
    expect(next.run.status).toBe("succeeded");
    await expectClientsEqualTheTenant(world.fake);
  });

  it("a queued sync can be cancelled before the job engine begins it, and then never begins", async () => {
    const connection = (await theConnection())!;
    const run = (await createSyncRun({ connectionId: connection.id, kind: "users", trigger: "manual" }))!;
    await cancelSync(world.admin, run.id);
    const data = { runId: run.id, connectionId: connection.id, trigger: "manual", full: false, requestedBy: null };
    const { result } = await new InngestTestEngine({ function: syncUsers }).execute({
      events: [{ name: syncRequested.users.name, data }],
    });
    expect(result).toMatchObject({ status: "skipped" });
    expect((await runOf(run.id)).status).toBe("cancelled");
    expect(await db.select().from(clients)).toHaveLength(0);
  });

  it("stops npm run sync too: it exits 3 and says who cancelled it", { timeout: 60_000 }, async () => {
    world.fake.control.setLatency({ ms: 60, target: "graph" });
    const sync = startSyncProcess("users");
    const runId = await sync.started;
    await expect.poll(async () => (await runOf(runId)).pagesDone, { timeout: 10_000 }).toBeGreaterThan(0);
    await cancelSync(world.admin, runId);
    const { code, out } = await sync.done;
    expect(code).toBe(3);
    expect(out).toContain("The run ended as cancelled: Cancelled by Sam Admin.");
  });

  it("is refused for a run that has ended, and for a technician", async () => {
    const { run } = await runSyncFunction("users");
    await expect(cancelSync(world.admin, run.id)).rejects.toThrow("This sync has already ended.");
    const technician = await createActor("technician", "Tina Tech");
    await expect(cancelSync(technician, run.id)).rejects.toThrow();
    expect((await runOf(run.id)).status).toBe("succeeded");
  });
});

describe("a sync Inngest itself ends", () => {
  it("ends as cancelled in the run history when Inngest cancels it", async () => {
    world.fake.control.setLatency({ ms: 60, target: "graph" });
    const { run, execution } = await startJobEngineSync();
    await expect.poll(async () => (await runOf(run.id)).pagesDone, { timeout: 10_000 }).toBeGreaterThan(0);
    const cancelledEvent = {
      name: "inngest/function.cancelled",
      data: {
        function_id: "vertask-sync-users",
        run_id: "01JCANCELLEDRUN",
        error: { name: "Error", message: "function cancelled" },
        event: { name: syncRequested.users.name, data: { runId: run.id } },
      },
    };
    await new InngestTestEngine({ function: syncRunEndedByJobEngine }).execute({ events: [cancelledEvent as never] });
    await execution;
    expect(await runOf(run.id)).toMatchObject({
      status: "cancelled",
      errorMessage: "Cancelled in the job engine (Inngest).",
    });
  });
});

describe("a sync Inngest gives up on", () => {
  it("ends as failed in the run history, with the last error in words", async () => {
    const connection = (await theConnection())!;
    const run = (await createSyncRun({ connectionId: connection.id, kind: "users", trigger: "manual" }))!;
    const failedEvent = {
      name: "inngest/function.failed",
      data: {
        function_id: "vertask-sync-users",
        run_id: "01JFAILEDRUN",
        error: { name: "Error", message: "write CONNECTION_CLOSED 10.0.0.5:5432" },
        event: { name: syncRequested.users.name, data: { runId: run.id } },
      },
    };
    await new InngestTestEngine({ function: syncRunEndedByJobEngine }).execute({ events: [failedEvent as never] });
    expect(await runOf(run.id)).toMatchObject({
      status: "failed",
      errorCode: "database_lost",
      errorMessage: databaseLostMessage,
    });
  });
});
