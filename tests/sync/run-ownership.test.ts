import { describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, devices, syncRunPages, syncRuns, type SyncKind } from "@/db/schema";
import { beginSyncRun } from "@/lib/sync-runs/begin-run";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { ownerGoneMessage, OWNER_GONE_AFTER_MS } from "@/lib/sync-runs/run-owner";
import { FABRIKAM } from "@/tests/fake-entra/default-tenants";
import { connectOrganization } from "../support/organizations";
import { expectClientsEqualTheTenant, expectDevicesEqualTheTenant, useSyncWorld } from "./sync-harness";
import { runSyncProcess, startSyncProcess, type SyncProcess } from "./command-line-process";
import { theConnection } from "@/tests/support/database";

const world = useSyncWorld({ users: 1200, devices: 300, deltaPageSize: 50 });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const runOf = async (id: string) => (await db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0];

/** The run id once the command line is listing; fails the test if it was refused instead. */
async function listing(sync: SyncProcess) {
  return Promise.race([
    sync.started,
    sync.done.then(({ code, out, err }) => {
      throw new Error(`npm run sync ended (${code}) before listing:\n${out}\n${err}`);
    }),
  ]);
}

/**
 * Events equal changes: each record is created once in its history, and each run, killed or not, told as many
 * creations as the pages it committed counted.
 */
async function expectEventsEqualChanges() {
  const creations = await db.execute<{ n: number; records: number }>(sql`
    SELECT count(*)::int AS n, count(DISTINCT coalesce(client_id, device_id))::int AS records
    FROM record_events WHERE kind = 'created'`);
  expect(creations[0].n).toBe(creations[0].records);
  expect(creations[0].n).toBe((await db.$count(clients)) + (await db.$count(devices)));
  const perRun = await db.execute<{ run_id: string; counted: number; told: number }>(sql`
    SELECT r.id AS run_id,
      (SELECT coalesce(sum((p.counts->>'created')::int), 0) FROM sync_run_pages p WHERE p.run_id = r.id)::int AS counted,
      (SELECT count(*) FROM record_events e WHERE e.run_id = r.id AND e.kind = 'created')::int AS told
    FROM sync_runs r`);
  for (const run of perRun) expect(run.told, `run ${run.run_id}`).toBe(run.counted);
}

describe("npm run sync owns its run while its process lives", () => {
  it(
    "killed with SIGKILL at random moments, the next sync starts at once and the lists end equal to the tenant",
    { timeout: 180_000 },
    async () => {
      world.fake.control.setLatency({ ms: 80, target: "graph" });
      const killed: { runId: string; kind: SyncKind; afterMs: number }[] = [];
      for (const kind of ["users", "devices", "users", "devices", "users"] as const) {
        const sync = startSyncProcess(kind);
        const runId = await listing(sync);
        const afterMs = Math.round(Math.random() * 1500);
        await sleep(afterMs);
        sync.signal("SIGKILL");
        await sync.done;
        killed.push({ runId, kind, afterMs });
      }
      console.log(`killed: ${killed.map((k) => `${k.kind} after ${k.afterMs} ms`).join(", ")}`);

      for (const kind of ["users", "devices"] as const) {
        const started = Date.now();
        const next = startSyncProcess(kind);
        await listing(next);
        console.log(
          `after the kills, the next sync of ${kind} was listing ${Date.now() - started} ms after it was started`,
        );
        expect(Date.now() - started).toBeLessThan(OWNER_GONE_AFTER_MS);
        expect((await next.done).code).toBe(0);
      }
      for (const { runId } of killed) {
        const run = await runOf(runId);
        // A kill that landed after the run finished leaves it succeeded; any other is taken over.
        if (run.status !== "succeeded") expect(run).toMatchObject({ status: "failed", errorMessage: ownerGoneMessage });
      }
      const failed = await db.select().from(syncRuns).where(eq(syncRuns.errorMessage, ownerGoneMessage));
      expect(failed.length).toBeGreaterThan(0);
      await expectClientsEqualTheTenant(world.fake);
      await expectDevicesEqualTheTenant(world.fake);
      await expectEventsEqualChanges();
    },
  );

  it(
    "Ctrl-C stops after the page being written: the run is cancelled, the command exits 130, and the next sync starts at once",
    { timeout: 60_000 },
    async () => {
      world.fake.control.setLatency({ ms: 60, target: "graph" });
      const sync = startSyncProcess("users", "--full");
      const runId = await listing(sync);
      await expect.poll(async () => (await runOf(runId)).pagesDone, { timeout: 10_000 }).toBeGreaterThan(1);
      sync.signal("SIGINT");
      const { code, out } = await sync.done;
      expect(code).toBe(130);
      const run = await runOf(runId);
      expect(run).toMatchObject({ status: "cancelled", errorMessage: "Cancelled from the command line (Ctrl-C)." });
      expect(run.pagesDone).toBeLessThan(24);
      expect(out).toContain(`Cancelled after`);
      expect(out).toContain(`${run.counts!.created} created`);
      // What was written is kept, once: every page it recorded, and nothing else.
      expect(await db.select().from(clients)).toHaveLength(run.counts!.created);
      expect(await db.select().from(syncRunPages).where(eq(syncRunPages.runId, runId))).toHaveLength(run.pagesDone);

      world.fake.control.clearFaults();
      expect((await runSyncProcess("users")).code).toBe(0);
      expect((await runSyncProcess("devices")).code).toBe(0);
      await expectClientsEqualTheTenant(world.fake);
      await expectDevicesEqualTheTenant(world.fake);
    },
  );

  it(
    "Ctrl-C in a terminal running npm run sync cancels the run once, and the shell sees 130",
    { timeout: 60_000 },
    async () => {
      world.fake.control.setLatency({ ms: 60, target: "graph" });
      const sync = startSyncProcess("via-npm", "users", "--full");
      const runId = await listing(sync);
      await expect.poll(async () => (await runOf(runId)).pagesDone, { timeout: 10_000 }).toBeGreaterThan(1);
      sync.signal("SIGINT");
      const { signal, out } = await sync.done;
      expect(signal).toBe("SIGINT");
      expect(out).toContain("Cancelled after");
      expect(await runOf(runId)).toMatchObject({
        status: "cancelled",
        errorMessage: "Cancelled from the command line (Ctrl-C).",
      });
    },
  );

  it("SIGTERM stops it the same way and exits 143", { timeout: 60_000 }, async () => {
    world.fake.control.setLatency({ ms: 60, target: "graph" });
    const sync = startSyncProcess("devices", "--full");
    const runId = await listing(sync);
    await expect.poll(async () => (await runOf(runId)).pagesDone, { timeout: 10_000 }).toBeGreaterThan(0);
    sync.signal("SIGTERM");
    expect((await sync.done).code).toBe(143);
    expect(await runOf(runId)).toMatchObject({
      status: "cancelled",
      errorMessage: "Cancelled from the command line (SIGTERM).",
    });
  });
});

describe("a job-engine run's heartbeat", () => {
  async function runningJobEngineRun() {
    const connection = (await theConnection())!;
    const run = (await createSyncRun({ connectionId: connection.id, kind: "users", trigger: "scheduled" }))!;
    await beginSyncRun(run.id);
    return { connection, run };
  }

  it("a run whose heartbeat stopped over a minute ago is marked failed and the next sync starts", async () => {
    const { connection, run } = await runningJobEngineRun();
    await db
      .update(syncRuns)
      .set({ heartbeatAt: sql`now() - interval '61 seconds'` })
      .where(eq(syncRuns.id, run.id));
    const next = await createSyncRun({ connectionId: connection.id, kind: "users", trigger: "manual" });
    expect(next).not.toBeNull();
    expect(await runOf(run.id)).toMatchObject({ status: "failed", errorMessage: ownerGoneMessage });
  });

  it("a run whose heartbeat is recent keeps running and a second sync is refused", async () => {
    const { connection, run } = await runningJobEngineRun();
    await db
      .update(syncRuns)
      .set({ heartbeatAt: sql`now() - interval '30 seconds'` })
      .where(eq(syncRuns.id, run.id));
    expect(await createSyncRun({ connectionId: connection.id, kind: "users", trigger: "manual" })).toBeNull();
    expect((await runOf(run.id)).status).toBe("running");
  });

  it("a run the job engine has not begun after 15 minutes is given up", async () => {
    const connection = (await theConnection())!;
    const run = (await createSyncRun({ connectionId: connection.id, kind: "devices", trigger: "manual" }))!;
    await db
      .update(syncRuns)
      .set({ queuedAt: sql`now() - interval '16 minutes'` })
      .where(eq(syncRuns.id, run.id));
    expect(await createSyncRun({ connectionId: connection.id, kind: "devices", trigger: "manual" })).not.toBeNull();
    expect(await runOf(run.id)).toMatchObject({
      status: "failed",
      errorMessage: "The job engine did not start this run within 15 minutes.",
    });
  });

  it("a run waiting its turn behind other syncs the job engine is working through is not given up, until one queued 15 minutes after it has begun", async () => {
    const connection = (await theConnection())!;
    const run = (await createSyncRun({ connectionId: connection.id, kind: "devices", trigger: "scheduled" }))!;
    await db
      .update(syncRuns)
      .set({ queuedAt: sql`now() - interval '40 minutes'` })
      .where(eq(syncRuns.id, run.id));
    // Another organization's sync, queued at about the same time, began a minute ago: the queue is moving.
    const other = await connectOrganization("Fabrikam", FABRIKAM);
    const began = (await createSyncRun({ connectionId: other.connection.id, kind: "users", trigger: "scheduled" }))!;
    await db
      .update(syncRuns)
      .set({
        status: "succeeded",
        queuedAt: sql`now() - interval '39 minutes'`,
        startedAt: sql`now() - interval '1 minute'`,
      })
      .where(eq(syncRuns.id, began.id));
    expect(await createSyncRun({ connectionId: connection.id, kind: "devices", trigger: "manual" })).toBeNull();
    expect((await runOf(run.id)).status).toBe("queued");
    // A sync queued 20 minutes after it has begun: this one was passed over, so lost.
    await db
      .update(syncRuns)
      .set({ queuedAt: sql`now() - interval '20 minutes'` })
      .where(eq(syncRuns.id, began.id));
    expect(await createSyncRun({ connectionId: connection.id, kind: "devices", trigger: "manual" })).not.toBeNull();
    expect(await runOf(run.id)).toMatchObject({
      status: "failed",
      errorMessage: "The job engine did not start this run within 15 minutes.",
    });
  });

  it("each page refreshes it", async () => {
    const { run } = await runningJobEngineRun();
    await db
      .update(syncRuns)
      .set({ heartbeatAt: sql`now() - interval '50 seconds'` })
      .where(eq(syncRuns.id, run.id));
    const { syncUsers } = await import("@/inngest/sync-users");
    await new InngestTestEngine({ function: syncUsers }).execute({
      events: [
        {
          name: "azure/users.sync-requested",
          data: { runId: run.id, connectionId: run.connectionId, trigger: "scheduled", full: false, requestedBy: null },
        },
      ],
    });
    const done = await runOf(run.id);
    expect(done.status).toBe("succeeded");
    expect(Date.now() - done.heartbeatAt!.getTime()).toBeLessThan(10_000);
  });
});
