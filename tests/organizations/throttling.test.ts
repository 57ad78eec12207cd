// Graph throttles each app in each tenant apart: a 429 from one customer tenant slows that tenant's sync only.
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/db/client";
import { clients, syncRuns } from "@/db/schema";
import { RetryAfterError } from "inngest";
import { inngestStepRunner, jobEngineGraphOptions } from "@/inngest/step-runner";
import { syncUsers } from "@/inngest/sync-users";
import { openGraphSession } from "@/lib/azure";
import { fetchUsersPage } from "@/lib/azure/users";
import { syncRequested } from "@/lib/job-engine/events";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { graphSession, secretSettings, useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import type { CustomerTenant } from "@/tests/fake-entra/customer-tenants";
import { resetDatabase } from "../support/database";
import { connectCustomerTenant, type ConnectedOrganization } from "../support/organizations";

const fake = useFakeTenant({ users: 10, devices: 0 });
let tenants: CustomerTenant[];

beforeAll(() => {
  tenants = fake().control.addTenants({ count: 3, users: 400, devices: 0, seed: "throttling" });
  // The sync functions find Entra ID and Graph as the app does, in the environment.
  process.env.AZURE_AUTHORITY_HOST = fake().url;
  process.env.GRAPH_BASE_URL = fake().url;
});
beforeEach(async () => {
  await resetDatabase();
  fake().control.clearFaults();
});
afterAll(closeDatabase);

/** "Sync users now" for one organization, its event delivered to the real function in-process; timed. */
async function syncUsersOf({ connectionId }: ConnectedOrganization) {
  const run = await createSyncRun({ connectionId, kind: "users", trigger: "manual", requestedByName: "Sam Admin" });
  const started = performance.now();
  const { error } = await new InngestTestEngine({ function: syncUsers }).execute({
    events: [
      {
        name: syncRequested.users.name,
        data: { runId: run!.id, connectionId, trigger: "manual", full: false, requestedBy: "Sam Admin" },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const [recorded] = await db.select().from(syncRuns).where(eq(syncRuns.id, run!.id));
  return { run: recorded, seconds, error };
}

const clientsOf = async ({ organizationId }: ConnectedOrganization) =>
  db.select().from(clients).where(eq(clients.organizationId, organizationId));

const settingsOf = (tenant: CustomerTenant) => secretSettings(tenant.app.clientId, tenant.app.secret, tenant.tenantId);

describe("Graph throttling is per tenant", () => {
  it("while one tenant is throttled, another syncs in the time it takes alone; the throttled one waits as told and finishes", async () => {
    const [a, b, c] = await Promise.all(tenants.map((tenant) => connectCustomerTenant(tenant)));
    const alone = await syncUsersOf(c);
    expect(alone.run.status).toBe("succeeded");

    fake().control.failNextRequests({
      count: 2,
      status: 429,
      retryAfterSeconds: 3,
      pathPrefix: "/v1.0/users",
      tenantId: a.tenant.tenantId,
    });
    const [throttled, neighbour] = await Promise.all([syncUsersOf(a), syncUsersOf(b)]);

    expect(neighbour.run).toMatchObject({ status: "succeeded", graphWaitSeconds: 0 });
    expect(neighbour.seconds).toBeLessThan(Math.max(alone.seconds * 1.5, alone.seconds + 1));
    expect(neighbour.seconds).toBeLessThan(3);
    expect(throttled.error).toBeUndefined();
    expect(throttled.run).toMatchObject({ status: "succeeded", graphWaitSeconds: 6 });
    expect(throttled.seconds).toBeGreaterThanOrEqual(6);
    expect(await clientsOf(a)).toHaveLength(400);
    expect(await clientsOf(b)).toHaveLength(400);
  });

  it("a 429 holds back that tenant's other requests from this process until its Retry-After passes, and no other tenant's", async () => {
    const [a, b] = tenants;
    fake().control.failNextRequests({ count: 1, status: 429, retryAfterSeconds: 2, tenantId: a.tenantId });
    const first = graphSession(fake(), settingsOf(a), {
      retry: { maxRetries: 3, maxWaitSeconds: 5, fallbackDelaySeconds: 0.1 },
    });
    const second = graphSession(fake(), settingsOf(a));
    const other = graphSession(fake(), settingsOf(b));
    // Tokens first, so what is timed below is Graph's answer alone.
    await Promise.all([first.token(), second.token(), other.token()]);

    const throttledPage = fetchUsersPage(first, null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = performance.now();
    const [sameTenant, otherTenant] = await Promise.all([
      fetchUsersPage(second, null).then(() => performance.now() - started),
      fetchUsersPage(other, null).then(() => performance.now() - started),
    ]);
    await throttledPage;

    expect(first.waitedSeconds).toBeGreaterThanOrEqual(2);
    expect(first.waitedSeconds).toBeLessThan(2.1);
    expect(sameTenant).toBeGreaterThan(1_200);
    expect(second.waitedSeconds).toBeGreaterThan(1.2);
    expect(otherTenant).toBeLessThan(1_000);
    expect(other.waitedSeconds).toBe(0);
  });

  // Last: it leaves the first tenant held for 40 s in this process.
  it("a Retry-After longer than a job step waits out ends the step at once; the job engine retries it after the wait, counted in the run's history", async () => {
    const a = await connectCustomerTenant(tenants[0]);
    const run = await createSyncRun({
      connectionId: a.connectionId,
      kind: "users",
      trigger: "manual",
      requestedByName: "Sam Admin",
    });
    fake().control.failNextRequests({ count: 1, status: 429, retryAfterSeconds: 40, tenantId: a.tenant.tenantId });
    const runStep = inngestStepRunner({ run: (_id, work) => work() }, run!.id);
    const started = performance.now();
    const failure = await runStep("users-pages-from-0", () =>
      fetchUsersPage(openGraphSession(settingsOf(a.tenant), jobEngineGraphOptions), null),
    ).catch((error) => error);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(failure).toBeInstanceOf(RetryAfterError);
    expect(failure).toMatchObject({
      retryAfter: "40",
      message: expect.stringMatching(/^Microsoft Graph is throttling Vertask's requests/),
    });
    const [recorded] = await db.select().from(syncRuns).where(eq(syncRuns.id, run!.id));
    expect(recorded.graphWaitSeconds).toBe(40);
  });
});
