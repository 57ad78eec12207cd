// Settings → Organizations with 500 organizations: one set-based read, sorted by any column.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { organizationsOverview } from "@/lib/organization-overview/overview";
import { organizationsOverviewList } from "@/lib/organization-overview/overview-list";
import { overviewSorts, parseOverviewSort, sortOverview } from "@/lib/organization-overview/sorting";
import { clientListQuery } from "@/lib/clients/list-query";
import { deviceListQuery } from "@/lib/devices/list-query";
import { createActor } from "../support/database";
import { seedManyOrganizations } from "../support/many-organizations";
import { useOrganizationWorld } from "./organization-world";

const world = useOrganizationWorld();

/** One organization for each thing the overview filters on, and some that match none. */
async function seedStatuses() {
  await db.execute(sql`INSERT INTO provider_app (client_id) VALUES (gen_random_uuid()::text)`);
  await db.execute(
    sql`INSERT INTO credentials (provider_app_id, client_secret_ciphertext, client_secret_expires_on) VALUES (true, 'v1.stored', current_date + 200)`,
  );
  await db.execute(sql`
    INSERT INTO organizations (name) VALUES ('Alpine Ski'), ('Blue Yonder'), ('Coho Winery'), ('Datum'), ('Fourth Coffee'), ('Graphic Design'), ('Humongous')`);
  await db.execute(sql`
    WITH statuses (name, method, enabled, consented, days) AS (VALUES
      ('Alpine Ski', 'own_app', true, true, 10),
      ('Blue Yonder', 'own_app', true, true, 200),
      ('Coho Winery', 'provider_app', true, false, NULL),
      ('Datum', 'own_app', false, true, -1),
      ('Graphic Design', 'provider_app', true, true, NULL),
      ('Humongous', 'own_app', true, true, 31)
    ), made AS (
      INSERT INTO entra_connections (organization_id, name, method, enabled, client_id, tenant_id)
      SELECT o.id, 'Microsoft Entra tenant', v.method::connection_method, v.enabled, CASE WHEN v.consented THEN gen_random_uuid()::text END,
        gen_random_uuid()::text
      FROM organizations o JOIN statuses v ON v.name = o.name
      RETURNING id, organization_id, method
    )
    INSERT INTO credentials (connection_id, client_secret_ciphertext, client_secret_expires_on)
    SELECT made.id, 'v1.stored', current_date + v.days
    FROM made JOIN organizations o ON o.id = made.organization_id JOIN statuses v ON v.name = o.name
    WHERE made.method = 'own_app'`);
  await db.execute(sql`
    INSERT INTO sync_runs (connection_id, kind, trigger, status, queued_at, started_at, finished_at)
    SELECT c.id, 'users', 'scheduled', 'failed', now(), now(), now()
    FROM entra_connections c JOIN organizations o ON o.id = c.organization_id WHERE o.name = 'Blue Yonder'`);
}

describe("the organizations overview", () => {
  it("answers for 500 organizations in one read, well under a second, and sorts by every column", async () => {
    await seedManyOrganizations(500);
    await organizationsOverview(world.admin); // warm: the first query of a connection plans and caches
    const started = performance.now();
    const rows = await organizationsOverview(world.admin);
    const elapsed = performance.now() - started;
    console.log(`organizations overview: ${rows.length} organizations in ${elapsed.toFixed(1)} ms`);
    expect(rows).toHaveLength(500);
    expect(elapsed).toBeLessThan(1000);

    const seventh = rows.find((row) => row.name === "Customer 007")!;
    expect(seventh).toMatchObject({ method: "own_app", status: "disabled", clients: 7, devices: 7, nextSync: null });
    expect(rows.find((row) => row.name === "Customer 014")).toMatchObject({
      method: "provider_app",
      status: "waiting_for_consent",
      tenantId: null,
    });
    expect(rows.find((row) => row.name === "Customer 001")).toMatchObject({
      lastUsersSync: { status: expect.any(String) },
      expiry: { state: "ok" },
    });
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
      expect(sortOverview(rows, sort, direction).map((row) => row.name)).toEqual(
        sortOverview(rows, "name", "desc").map((row) => row.name),
      );
      expect(clientListQuery.parse({ sort: unknown }).sort).toBe("name");
      expect(deviceListQuery.parse({ sort: unknown }).sort).toBe("name");
    }
    expect(parseOverviewSort("clients", "asc")).toEqual({ sort: "clients", direction: "asc" });
  });

  it("is for superusers only", async () => {
    await expect(organizationsOverview(await createActor("technician"))).rejects.toThrow(
      "Only a superuser can do this.",
    );
    await expect(organizationsOverviewList(await createActor("technician"), { status: "failing" })).rejects.toThrow(
      "Only a superuser can do this.",
    );
  });

  it("filters by status on the server, keeps the sort, and says how many there are in all", async () => {
    await seedStatuses();
    const names = async (query: Parameters<typeof organizationsOverviewList>[1]) => {
      const list = await organizationsOverviewList(world.admin, query);
      return { names: list.rows.map((row) => row.name), total: list.total, filter: list.filter };
    };
    expect(await names({ status: "failing" })).toEqual({ names: ["Blue Yonder"], total: 7, filter: "failing" });
    expect(await names({ status: "waiting_for_consent" })).toEqual({
      names: ["Coho Winery"],
      total: 7,
      filter: "waiting_for_consent",
    });
    // Within 30 days, or already past: the stages the secret's banner warns with. 31 days away is not yet.
    expect(await names({ status: "secret_expiring" })).toEqual({
      names: ["Alpine Ski", "Datum"],
      total: 7,
      filter: "secret_expiring",
    });
    expect(await names({ status: "secret_expiring", sort: "name", dir: "desc" })).toMatchObject({
      names: ["Datum", "Alpine Ski"],
    });
    expect((await names({})).names).toHaveLength(7);
    expect(await names({ status: "nonsense" })).toMatchObject({ filter: null, total: 7 });

    // A connection by the provider's app expires with the provider's app: its secret, 5 days away, puts both in.
    await db.execute(sql`UPDATE credentials SET client_secret_expires_on = current_date + 5 WHERE provider_app_id`);
    expect((await names({ status: "secret_expiring" })).names).toEqual([
      "Alpine Ski",
      "Coho Winery",
      "Datum",
      "Graphic Design",
    ]);
  });
});
