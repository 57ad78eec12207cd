// Settings → Organizations with 500 organizations: one set-based read, sorted by any column.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { organizationsOverview } from "@/lib/organization-overview/overview";
import { overviewSorts, parseOverviewSort, sortOverview } from "@/lib/organization-overview/sorting";
import { clientListQuery } from "@/lib/clients/list-query";
import { deviceListQuery } from "@/lib/devices/list-query";
import { createActor } from "../support/database";
import { seedManyOrganizations } from "../support/many-organizations";
import { useOrganizationWorld } from "./organization-world";

const world = useOrganizationWorld();

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
