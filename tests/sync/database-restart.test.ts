import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, syncRuns } from "@/db/schema";
import { databaseLostMessage } from "@/db/connection-lost";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { syncUsers } from "@/inngest/sync-users";
import { syncRequested } from "@/lib/job-engine/events";
import { startRestartableDatabase } from "../support/restartable-database";
import { expectClientsEqualTheTenant, useSyncWorld } from "./sync-harness";
import { runSyncProcess, startSyncProcess } from "./command-line-process";
import { theConnection } from "@/tests/support/database";

// This file's database is a server of its own, restarted under running syncs. Set before `db` first connects.
let database: Awaited<ReturnType<typeof startRestartableDatabase>>;
beforeAll(async () => {
  database = await startRestartableDatabase("vertask_restart");
  process.env.DATABASE_URL = database.url;
});
afterAll(() => database?.stop());

const world = useSyncWorld({ users: 1200, devices: 5, deltaPageSize: 50 });

const runOf = async (id: string) => (await db.select().from(syncRuns).where(eq(syncRuns.id, id)))[0];

describe("PostgreSQL restarting in the middle of a sync", () => {
  it(
    "npm run sync fails with a clear message; the next sync works without anyone touching the database",
    { timeout: 90_000 },
    async () => {
      world.fake.control.setLatency({ ms: 60, target: "graph" });
      const sync = startSyncProcess("users");
      const runId = await sync.started;
      await expect.poll(async () => (await runOf(runId)).pagesDone, { timeout: 10_000 }).toBeGreaterThan(2);
      await database.restart();
      const { code, err } = await sync.done;
      expect(code).toBe(1);
      expect(err).toContain(`Sync failed: ${databaseLostMessage}`);

      world.fake.control.clearFaults();
      const next = await runSyncProcess("users");
      expect(next.code, next.err).toBe(0);
      expect((await runOf(runId)).status).toBe("failed");
      await expectClientsEqualTheTenant(world.fake);
    },
  );

  it(
    "a job-engine step that fails with it is retried and resumes: no row lost or written twice",
    { timeout: 90_000 },
    async () => {
      world.fake.control.setLatency({ ms: 60, target: "graph" });
      const connection = (await theConnection())!;
      const run = (await createSyncRun({ connectionId: connection.id, kind: "users", trigger: "manual" }))!;
      const event = {
        name: syncRequested.users.name,
        data: { runId: run.id, connectionId: connection.id, trigger: "manual", full: false, requestedBy: null },
      };
      const execution = new InngestTestEngine({ function: syncUsers }).execute({ events: [event] });
      await expect.poll(async () => (await runOf(run.id)).pagesDone, { timeout: 10_000 }).toBeGreaterThan(2);
      await database.restart();
      expect((await execution).error).toBeTruthy();

      // Inngest retries the failed step: the run resumes after the last page it wrote.
      world.fake.control.clearFaults();
      const retried = await new InngestTestEngine({ function: syncUsers }).execute({ events: [event] });
      expect(retried.error).toBeUndefined();
      const done = await runOf(run.id);
      expect(done.status).toBe("succeeded");
      expect(done.counts!.created).toBe((await db.select().from(clients)).length);
      await expectClientsEqualTheTenant(world.fake);
    },
  );
});
