// What one schedule tick starts when many organizations are due: the sync functions' own concurrency limits decide
// how many run at once (the gate of tests/inngest-stand-in stands in for Inngest, which @inngest/test is not).
import { InngestTestEngine } from "@inngest/test";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/db/client";
import { syncDevices } from "@/inngest/sync-devices";
import { syncScheduleTick } from "@/inngest/sync-schedule-tick";
import { syncUsers } from "@/inngest/sync-users";
import { syncRequested } from "@/lib/job-engine/events";
import { useFakeTenant } from "@/tests/azure/fake-tenant-harness";
import { startGatedEventApi } from "@/tests/inngest-stand-in/gated-event-api";
import { resetDatabase } from "../support/database";
import { connectCustomerTenant, type ConnectedOrganization } from "../support/organizations";

const fake = useFakeTenant({ users: 10, devices: 0 });
let organizations: ConnectedOrganization[];

beforeAll(async () => {
  process.env.AZURE_AUTHORITY_HOST = fake().url;
  process.env.GRAPH_BASE_URL = fake().url;
  await resetDatabase();
  const tenants = fake().control.addTenants({ count: 12, users: 30, devices: 5, seed: "at-once" });
  organizations = await Promise.all(
    tenants.map((tenant) => connectCustomerTenant(tenant, { syncFrequency: "hourly" })),
  );
});
afterAll(closeDatabase);

describe("twelve organizations due at the same tick", () => {
  it("run at most 10 syncs at once (the default limit), one per connection and kind, and each ends with its own tenant's users and devices", async () => {
    const engine = await startGatedEventApi(Number(new URL(process.env.INNGEST_DEV!).port), {
      [syncRequested.users.name]: syncUsers,
      [syncRequested.devices.name]: syncDevices,
    });
    try {
      fake().control.setLatency({ ms: 50, target: "graph" });
      const tick = await new InngestTestEngine({ function: syncScheduleTick }).execute({
        events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
      });
      expect(tick.result).toEqual({ sent: 24 });
      await engine.settled();
    } finally {
      fake().control.clearFaults();
      await engine.close();
    }
    expect(engine.failures).toEqual([]);
    expect(engine.gate.mostAtOnce).toBe(10);

    const runs = await db.execute<{ status: string; n: number }>(
      sql`SELECT status, count(*)::int AS n FROM sync_runs GROUP BY status`,
    );
    expect([...runs]).toEqual([{ status: "succeeded", n: 24 }]);
    const [{ most }] = await db.execute<{ most: number }>(sql`
      SELECT max(running)::int AS most FROM (SELECT sum(change) OVER (ORDER BY at, change) AS running FROM (
        SELECT started_at AS at, 1 AS change FROM sync_runs UNION ALL SELECT finished_at, -1 FROM sync_runs) changes) running`);
    expect(most).toBeLessThanOrEqual(10);
    const perOrganization = await db.execute<{ organization_id: string; clients: number; devices: number }>(sql`
      SELECT o.id AS organization_id,
        (SELECT count(*)::int FROM clients c WHERE c.organization_id = o.id) AS clients,
        (SELECT count(*)::int FROM devices d WHERE d.organization_id = o.id) AS devices
      FROM organizations o`);
    expect([...perOrganization].sort((a, b) => a.organization_id.localeCompare(b.organization_id))).toEqual(
      organizations
        .map((o) => ({ organization_id: o.organizationId, clients: 30, devices: 5 }))
        .sort((a, b) => a.organization_id.localeCompare(b.organization_id)),
    );
  });
});
