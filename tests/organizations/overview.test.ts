// Settings → Organizations with 500 organizations: one set-based read, sorted by any column.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { organizationsOverview } from "@/lib/organization-overview/overview";
import { overviewSorts, parseOverviewSort, sortOverview } from "@/lib/organization-overview/sorting";
import { clientListQuery } from "@/lib/clients/list-query";
import { deviceListQuery } from "@/lib/devices/list-query";
import { createActor } from "../support/database";
import { useOrganizationWorld } from "./organization-world";

const world = useOrganizationWorld();

/** 500 organizations: half by their own app, half by the provider's; clients, devices, 40 runs and an alert here and there. */
async function seedOrganizations() {
  await db.execute(sql`
    INSERT INTO organizations (name, primary_domain)
    SELECT 'Customer ' || lpad(i::text, 3, '0'), 'customer' || i || '.example' FROM generate_series(1, 500) i`);
  await db.execute(sql`
    INSERT INTO entra_connections (organization_id, name, method, enabled, sync_frequency, client_id, tenant_id, client_secret_ciphertext, client_secret_expires_on)
    SELECT id, 'Microsoft Entra tenant', CASE WHEN n % 2 = 0 THEN 'provider_app' ELSE 'own_app' END::connection_method, n % 7 <> 0,
      CASE WHEN n % 3 = 0 THEN 'manual' ELSE 'daily' END::sync_frequency,
      CASE WHEN n % 10 = 4 THEN NULL ELSE gen_random_uuid()::text END, gen_random_uuid()::text,
      CASE WHEN n % 2 = 1 THEN 'v1.stored' END, CASE WHEN n % 2 = 1 THEN (current_date + 100 + n) END
    FROM (SELECT id, substring(name from 10)::int AS n FROM organizations) o`);
  await db.execute(sql`
    INSERT INTO clients (organization_id, connection_id, entra_object_id, display_name, source)
    SELECT c.organization_id, c.id, gen_random_uuid()::text, 'User ' || g, 'azure'
    FROM entra_connections c JOIN organizations o ON o.id = c.organization_id
    CROSS JOIN LATERAL generate_series(1, substring(o.name from 10)::int % 60) g`);
  await db.execute(sql`
    INSERT INTO devices (organization_id, connection_id, entra_object_id, display_name, source)
    SELECT c.organization_id, c.id, gen_random_uuid()::text, 'PC ' || g, 'azure'
    FROM entra_connections c JOIN organizations o ON o.id = c.organization_id
    CROSS JOIN LATERAL generate_series(1, substring(o.name from 10)::int % 25) g`);
  await db.execute(sql`
    INSERT INTO sync_runs (connection_id, kind, trigger, status, queued_at, started_at, finished_at)
    SELECT c.id, k.kind, 'scheduled', CASE WHEN g = 1 AND random() < 0.1 THEN 'failed' ELSE 'succeeded' END::sync_run_status,
      now() - (g || ' hours')::interval, now() - (g || ' hours')::interval, now() - (g || ' hours')::interval + interval '1 minute'
    FROM entra_connections c CROSS JOIN (VALUES ('users'::sync_kind), ('devices'::sync_kind)) k(kind) CROSS JOIN generate_series(1, 20) g`);
  await db.execute(sql`
    INSERT INTO alert_conditions (connection_id, condition_key, summary)
    SELECT id, 'connection_check', 'The connection check failed.' FROM entra_connections WHERE right(id::text, 1) IN ('a', 'b')`);
}

describe("the organizations overview", () => {
  it("answers for 500 organizations in one read, well under a second, and sorts by every column", async () => {
    await seedOrganizations();
    await db.execute(sql`ANALYZE`);
    await organizationsOverview(world.admin); // warm: the first query of a connection plans and caches
    const started = performance.now();
    const rows = await organizationsOverview(world.admin);
    const elapsed = performance.now() - started;
    console.log(`organizations overview: ${rows.length} organizations in ${elapsed.toFixed(1)} ms`);
    expect(rows).toHaveLength(500);
    expect(elapsed).toBeLessThan(1000);

    const seventh = rows.find((row) => row.name === "Customer 007")!;
    expect(seventh).toMatchObject({ method: "own_app", status: "disabled", clients: 7, devices: 7, nextSync: null });
    expect(rows.find((row) => row.name === "Customer 014")).toMatchObject({ method: "provider_app", status: "waiting_for_consent", tenantId: null });
    expect(rows.find((row) => row.name === "Customer 001")).toMatchObject({ lastUsersSync: { status: expect.any(String) }, expiry: { state: "ok" } });
    expect(rows.find((row) => row.name === "Customer 002")!.nextSync).toBeInstanceOf(Date);

    const byClients = sortOverview(rows, "clients", "desc");
    expect(byClients[0].clients).toBe(59);
    expect(byClients.every((row, i) => i === 0 || byClients[i - 1].clients >= row.clients)).toBe(true);
    const byName = sortOverview(rows, "name", "asc").map((row) => row.name);
    expect(byName.slice(0, 3)).toEqual(["Customer 001", "Customer 002", "Customer 003"]);
    expect(sortOverview(rows, "name", "desc")[0].name).toBe("Customer 500");
    const byAlerts = sortOverview(rows, "alerts", "desc");
    expect(byAlerts[0].openAlerts).toBe(1);
    for (const sort of overviewSorts) expect(sortOverview(rows, sort, "asc")).toHaveLength(500);
  });

  it("a ?sort= outside the known columns (__proto__, constructor, toString) sorts by name instead of failing", async () => {
    await db.execute(sql`INSERT INTO organizations (name) VALUES ('Beta'), ('alpha'), ('Gamma')`);
    const rows = await organizationsOverview(world.admin);
    expect(sortOverview(rows, "name", "desc").map((row) => row.name)).toEqual(["Gamma", "Beta", "alpha"]);
    for (const unknown of ["__proto__", "constructor", "toString", "hasOwnProperty", "nonsense"]) {
      const { sort, direction } = parseOverviewSort(unknown, "desc");
      expect(sort, unknown).toBe("name");
      expect(sortOverview(rows, sort, direction).map((row) => row.name)).toEqual(sortOverview(rows, "name", "desc").map((row) => row.name));
      expect(clientListQuery.parse({ sort: unknown }).sort).toBe("name");
      expect(deviceListQuery.parse({ sort: unknown }).sort).toBe("name");
    }
    expect(parseOverviewSort("clients", "asc")).toEqual({ sort: "clients", direction: "asc" });
  });

  it("is for superusers only", async () => {
    await expect(organizationsOverview(await createActor("technician"))).rejects.toThrow("Only a superuser can do this.");
  });
});
