// "Continuously (within a minute)" (issue 29): the minute's poll, one Graph request and no run when nothing changed,
// many requests making one run, a request during a run making one more after it, and a client disabled in Entra
// losing their portal session at the next minute. The real functions run in this process (tests/inngest-stand-in).
import { InngestTestEngine } from "@inngest/test";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/db/client";
import { clients, portalAccounts, syncRuns, type SyncKind } from "@/db/schema";
import { deltaPollTick } from "@/inngest/delta-poll-tick";
import { syncDelta } from "@/inngest/sync-delta";
import { syncDevices } from "@/inngest/sync-devices";
import { syncUsers } from "@/inngest/sync-users";
import { hashPassword } from "@/lib/auth/passwords";
import { deltaRequested, syncRequested } from "@/lib/job-engine/events";
import { sendJobEvent } from "@/lib/job-engine/send-event";
import { findPortalClientBySignIn } from "@/lib/portal/sign-in";
import { findPortalClientForSession } from "@/lib/session/current-client";
import { describeDeltaCheck, lastDeltaChecks } from "@/lib/sync-runs/delta-checks";
import { deltaRound } from "@/lib/sync-runs/delta-round";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import type { CustomerTenant } from "@/tests/fake-entra/customer-tenants";
import { startGatedEventApi } from "@/tests/inngest-stand-in/gated-event-api";
import { resetDatabase } from "../support/database";
import { connectCustomerTenant, type ConnectedOrganization } from "../support/organizations";

const fake = useFakeTenant({ users: 1, devices: 0 });
let tenants: CustomerTenant[];
let continuous: ConnectedOrganization;
let engine: Awaited<ReturnType<typeof startGatedEventApi>>;

beforeAll(async () => {
  process.env.AZURE_AUTHORITY_HOST = fake().url;
  process.env.GRAPH_BASE_URL = fake().url;
  // Nothing reaches Vertask from Microsoft: no HTTPS, no change notifications, polling only.
  process.env.APP_URL = "http://127.0.0.1:3000";
  tenants = fake().control.addTenants({ count: 2, users: 20, devices: 3, seed: "continuous" });
  engine = await startGatedEventApi(Number(new URL(process.env.INNGEST_DEV!).port), {
    [deltaRequested.name]: syncDelta,
    [syncRequested.users.name]: syncUsers,
    [syncRequested.devices.name]: syncDevices,
  });
});
beforeEach(async () => {
  await resetDatabase();
  fake().control.clearFaults();
  continuous = await connectCustomerTenant(tenants[0], { syncFrequency: "continuous" });
  // The first round of each kind has no delta link yet: it runs a full sync, which keeps one.
  await requestRounds(["users", "devices"]);
  expect(await countRuns()).toBe(2);
});
afterAll(async () => {
  await engine.close();
  await closeDatabase();
});

/** Waits until every function the events so far started, and the ones those sent, have ended. */
async function settle() {
  for (let wave = 0; wave < 8; wave++) await engine.settled();
  expect(engine.failures).toEqual([]);
}

async function requestRounds(kinds: SyncKind[], times = 1) {
  const { connectionId } = continuous;
  await Promise.all(
    kinds.flatMap((kind) =>
      Array.from({ length: times }, () =>
        sendJobEvent(deltaRequested.create({ connectionId, kind, reason: "notification" })),
      ),
    ),
  );
  await settle();
}

async function runTheMinutesPoll() {
  const tick = await new InngestTestEngine({ function: deltaPollTick }).execute({
    events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
  });
  await settle();
  return tick.result;
}

const countRuns = async () => (await db.select({ id: syncRuns.id }).from(syncRuns)).length;
const userId = (index: number) => fake().control.userIdAt({ tenantId: tenants[0].tenantId, index });
const clientNamed = async (objectId: string) =>
  (await db.select().from(clients).where(eq(clients.entraObjectId, objectId)))[0];

describe("the minute's poll", () => {
  it("ticks every minute and, without HTTPS, asks for a round of users and of devices for each organization syncing continuously, none for one on a schedule", async () => {
    expect(deltaPollTick.opts.triggers).toEqual([{ cron: "* * * * *" }]);
    await connectCustomerTenant(tenants[1], { syncFrequency: "hourly" });
    expect(await runTheMinutesPoll()).toEqual({ sent: 2 });
    const checks = await lastDeltaChecks(continuous.connectionId);
    expect(Object.keys(checks).sort()).toEqual(["devices", "users"]);
    const rows = await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM delta_checks`);
    expect([...rows]).toEqual([{ n: 2 }]);
  });
});

describe("quiet when nothing happens", () => {
  it("a round that finds no change asks Graph once per kind, writes no run, and the tab says when it looked", async () => {
    fake().control.resetRequestCounts();
    await runTheMinutesPoll();
    expect(fake().control.requestCounts().graph).toBe(2);
    expect(await countRuns()).toBe(2);
    const checks = await lastDeltaChecks(continuous.connectionId);
    const fortySecondsLater = new Date(checks.users!.checkedAt.getTime() + 40_000);
    expect(describeDeltaCheck(checks.users!, fortySecondsLater)).toBe("checked 40 s ago, no changes");
    expect(describeDeltaCheck(checks.devices!, fortySecondsLater)).toMatch(/^checked 4\d s ago, no changes$/);
  });

  it("a round that finds a change runs a sync, recorded in the run history as any other", async () => {
    fake().control.updateUser({ tenantId: tenants[0].tenantId, id: userId(3), changes: { jobTitle: "Night nurse" } });
    await runTheMinutesPoll();
    expect((await clientNamed(userId(3))).jobTitle).toBe("Night nurse");
    const latest = await db
      .select({ kind: syncRuns.kind, status: syncRuns.status, full: syncRuns.full, by: syncRuns.requestedByName })
      .from(syncRuns)
      .where(eq(syncRuns.full, false));
    expect(latest).toEqual([{ kind: "users", status: "succeeded", full: false, by: "Continuously" }]);
    const checks = await lastDeltaChecks(continuous.connectionId);
    expect(describeDeltaCheck(checks.users!, checks.users!.checkedAt)).toBe("checked 0 s ago, changes found");
  });
});

describe("when Graph cannot be asked", () => {
  it("the round writes no run, and the tab says why in an administrator's words", async () => {
    // Graph refuses the delta request (403: a permission taken away since).
    fake().control.failNextRequests({ count: 1, status: 403, tenantId: tenants[0].tenantId });
    await expect(deltaRound(continuous.connectionId, "users", "poll")).rejects.toThrow();
    expect(await countRuns()).toBe(2);
    const { users } = await lastDeltaChecks(continuous.connectionId);
    expect(describeDeltaCheck(users!, users!.checkedAt)).toMatch(/^checked 0 s ago: .*permission/i);
    // The next round asks again, and finds nothing new.
    await deltaRound(continuous.connectionId, "users", "poll");
    const after = await lastDeltaChecks(continuous.connectionId);
    expect(describeDeltaCheck(after.users!, after.users!.checkedAt)).toBe("checked 0 s ago, no changes");
  });
});

describe("many requests, one run", () => {
  it("50 requests for a round of users make one run, which brings the change in", async () => {
    fake().control.updateUser({ tenantId: tenants[0].tenantId, id: userId(5), changes: { department: "Radiology" } });
    await requestRounds(["users"], 50);
    expect(await countRuns()).toBe(3);
    expect((await clientNamed(userId(5))).department).toBe("Radiology");
  });

  it("without any flow control (50 rounds at once in one process), the rounds' own bookkeeping still queues one run and looks at Graph once", async () => {
    fake().control.updateUser({ tenantId: tenants[0].tenantId, id: userId(4), changes: { department: "Oncology" } });
    fake().control.resetRequestCounts();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, () => deltaRound(continuous.connectionId, "users", "notification")),
    );
    expect(outcomes.filter((outcome) => outcome.ran)).toHaveLength(1);
    expect(fake().control.requestCounts().graph).toBe(1);
    const queued = await db.select({ id: syncRuns.id }).from(syncRuns).where(eq(syncRuns.status, "queued"));
    expect(queued).toHaveLength(1);
  });

  it("a request that comes while a run is going makes one more round after that run, never a second run beside it", async () => {
    const { tenantId } = tenants[0];
    fake().control.setLatency({ ms: 400, target: "graph" });
    fake().control.updateUser({ tenantId, id: userId(6), changes: { officeLocation: "Ward 6" } });
    const first = requestRounds(["users"]);
    // Once the run is going, a second change and its request.
    for (let waited = 0; waited < 20_000; waited += 50) {
      const [going] = await db
        .select({ id: syncRuns.id })
        .from(syncRuns)
        .where(and(eq(syncRuns.status, "running"), eq(syncRuns.kind, "users")));
      if (going) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    fake().control.updateUser({ tenantId, id: userId(7), changes: { officeLocation: "Ward 7" } });
    await sendJobEvent(deltaRequested.create({ connectionId: continuous.connectionId, kind: "users", reason: "poll" }));
    await first;
    await settle();

    expect((await clientNamed(userId(6))).officeLocation).toBe("Ward 6");
    expect((await clientNamed(userId(7))).officeLocation).toBe("Ward 7");
    const runs = await db
      .select({ startedAt: syncRuns.startedAt, finishedAt: syncRuns.finishedAt })
      .from(syncRuns)
      .where(and(eq(syncRuns.kind, "users"), eq(syncRuns.full, false)))
      .orderBy(asc(syncRuns.startedAt));
    expect(runs.length).toBeGreaterThanOrEqual(1);
    expect(runs.length).toBeLessThanOrEqual(2);
    for (let i = 1; i < runs.length; i++)
      expect(runs[i].startedAt!.getTime()).toBeGreaterThanOrEqual(runs[i - 1].finishedAt!.getTime());
    // The round after the first run looked at Graph again, after that run ended.
    const checks = await lastDeltaChecks(continuous.connectionId);
    expect(checks.users!.checkedAt.getTime()).toBeGreaterThanOrEqual(runs[0].finishedAt!.getTime());
  });
});

describe("a round's process dying between queueing its run and sending it", () => {
  it("leaves a queued run that the next round sends again, so the change still arrives", async () => {
    fake().control.updateUser({
      tenantId: tenants[0].tenantId,
      id: userId(8),
      changes: { department: "Lost and found" },
    });
    const [run] = await db
      .insert(syncRuns)
      .values({
        connectionId: continuous.connectionId,
        kind: "users",
        trigger: "scheduled",
        requestedByName: "Continuously",
        queuedAt: new Date(Date.now() - 60_000),
      })
      .returning();
    await runTheMinutesPoll();
    const [after] = await db.select({ status: syncRuns.status }).from(syncRuns).where(eq(syncRuns.id, run.id));
    expect(after.status).toBe("succeeded");
    expect((await clientNamed(userId(8))).department).toBe("Lost and found");
    expect(await countRuns()).toBe(3);
  });
});

describe("a client disabled in Microsoft Entra ID", () => {
  it("loses their open portal session at the next minute's poll", async () => {
    const leaver = await clientNamed(userId(2));
    const password = "a long enough password";
    await db.insert(portalAccounts).values({
      clientId: leaver.id,
      status: "active",
      passwordHash: await hashPassword(password),
      activatedAt: new Date(),
    });
    const signedIn = (await findPortalClientBySignIn(leaver.mail!, password, { clientAddress: null }))!;
    const session = { portalClientId: signedIn.id, sessionVersion: signedIn.sessionVersion };
    expect(await findPortalClientForSession(session)).toMatchObject({ clientId: leaver.id });

    fake().control.disableUser({ tenantId: tenants[0].tenantId, id: userId(2) });
    await runTheMinutesPoll();
    expect((await clientNamed(userId(2))).status).toBe("disabled");
    expect(await findPortalClientForSession(session)).toBeNull();
    expect(await findPortalClientBySignIn(leaver.mail!, password, { clientAddress: null })).toBeNull();
  });
});
