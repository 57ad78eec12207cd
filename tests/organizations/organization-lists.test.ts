// The client and device lists with two organizations: an Organization filter that search and the CSV export
// follow, each row and record naming its organization.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import { getClient, listClients } from "@/lib/clients/queries";
import { clientsCsv } from "@/lib/clients/export-csv";
import { clientListQuery } from "@/lib/clients/list-query";
import { getDevice, listDevices } from "@/lib/devices/queries";
import { devicesCsv } from "@/lib/devices/export-csv";
import { deviceListQuery } from "@/lib/devices/list-query";
import { listOrganizationChoices } from "@/lib/organizations/queries";
import { parseCsv } from "@/lib/lists/csv";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

let technician: Actor;
const ids = { contoso: "", fabrikam: "" };

beforeAll(async () => {
  await resetDatabase();
  technician = await createActor("technician");
  ids.contoso = await organizationId("Contoso", "contoso.com");
  ids.fabrikam = await organizationId("Fabrikam", "fabrikam.com");
  const people = [
    ["Ada Contoso", "ada@contoso.com", ids.contoso],
    ["Alan Contoso", "alan@contoso.com", ids.contoso],
    ["Ada Fabrikam", "ada@fabrikam.com", ids.fabrikam],
    ["Bea Fabrikam", "bea@fabrikam.com", ids.fabrikam],
    ["Cy Fabrikam", "cy@fabrikam.com", ids.fabrikam],
  ] as const;
  const owners = await db
    .insert(clients)
    .values(
      people.map(([displayName, mail, organization]) => ({
        organizationId: organization,
        displayName,
        mail,
        source: "manual" as const,
      })),
    )
    .returning();
  await db.insert(devices).values([
    {
      organizationId: ids.contoso,
      displayName: "LAPTOP-ADA",
      operatingSystem: "Windows",
      source: "azure",
      ownerClientId: owners[0].id,
    },
    {
      organizationId: ids.fabrikam,
      displayName: "LAPTOP-BEA",
      operatingSystem: "Windows",
      source: "azure",
      ownerClientId: owners[3].id,
    },
    {
      organizationId: ids.fabrikam,
      displayName: "MAC-CY",
      operatingSystem: "MacMDM",
      source: "azure",
      ownerClientId: owners[4].id,
    },
  ]);
});
afterAll(closeDatabase);

const clientPage = (input: Record<string, unknown>) => listClients(technician, clientListQuery.parse(input));
const devicePage = (input: Record<string, unknown>) => listDevices(technician, deviceListQuery.parse(input));
const readCsv = async (lines: AsyncGenerator<string>) => {
  let text = "";
  for await (const chunk of lines) text += chunk;
  const parsed = parseCsv(text);
  if ("problem" in parsed) throw new Error(parsed.problem);
  const [headers, ...rows] = parsed.records.map((record) => record.cells);
  return rows.map((cells) => Object.fromEntries(headers.map((header, i) => [header, cells[i]])));
};

describe("the client list with two organizations", () => {
  it("offers the organizations by name, and names each row's organization", async () => {
    expect((await listOrganizationChoices(technician)).map((choice) => choice.name)).toEqual(["Contoso", "Fabrikam"]);
    const { rows, total } = await clientPage({});
    expect(total).toEqual({ count: 5, precision: "exact" });
    expect(rows.map((row) => [row.displayName, row.organizationName])).toEqual([
      ["Ada Contoso", "Contoso"],
      ["Ada Fabrikam", "Fabrikam"],
      ["Alan Contoso", "Contoso"],
      ["Bea Fabrikam", "Fabrikam"],
      ["Cy Fabrikam", "Fabrikam"],
    ]);
  });

  it("the Organization filter shows one organization's clients, and a search within it finds only theirs", async () => {
    const fabrikam = await clientPage({ organization: ids.fabrikam });
    expect(fabrikam.rows.map((row) => row.displayName)).toEqual(["Ada Fabrikam", "Bea Fabrikam", "Cy Fabrikam"]);
    expect(fabrikam.total).toEqual({ count: 3, precision: "exact" });
    expect((await clientPage({ organization: ids.contoso, q: "ada" })).rows.map((row) => row.displayName)).toEqual([
      "Ada Contoso",
    ]);
    // A search of three letters or more collects its matches first: the filter holds there too.
    expect((await clientPage({ organization: ids.contoso, q: "ada@" })).rows.map((row) => row.displayName)).toEqual([
      "Ada Contoso",
    ]);
  });

  it("an organization that is not an id is no filter at all", async () => {
    expect((await clientPage({ organization: "Contoso" })).total.count).toBe(5);
  });

  it("exports only the filtered organization's clients, with an Organization column", async () => {
    const rows = await readCsv(clientsCsv(technician, clientListQuery.parse({ organization: ids.contoso })));
    expect(rows.map((row) => [row["Display name"], row.Organization])).toEqual([
      ["Ada Contoso", "Contoso"],
      ["Alan Contoso", "Contoso"],
    ]);
  });

  it("a client's record names its organization", async () => {
    const [row] = (await clientPage({ organization: ids.fabrikam, q: "bea" })).rows;
    expect((await getClient(technician, row.id))?.organizationName).toBe("Fabrikam");
  });

  it("the filtered first page reads the organization's name index, not the whole table", async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.execute(
        sql`EXPLAIN SELECT id FROM clients WHERE organization_id = ${ids.contoso} ORDER BY display_name, id LIMIT 50`,
      );
    });
    expect(JSON.stringify(plan)).toContain("clients_organization_name_order");
  });
});

describe("the device list with two organizations", () => {
  it("filters, searches and exports one organization's devices, each naming its organization", async () => {
    const all = await devicePage({});
    expect(all.rows.map((row) => [row.displayName, row.organizationName])).toEqual([
      ["LAPTOP-ADA", "Contoso"],
      ["LAPTOP-BEA", "Fabrikam"],
      ["MAC-CY", "Fabrikam"],
    ]);
    expect((await devicePage({ organization: ids.fabrikam })).rows.map((row) => row.displayName)).toEqual([
      "LAPTOP-BEA",
      "MAC-CY",
    ]);
    expect((await devicePage({ organization: ids.contoso, q: "laptop" })).rows.map((row) => row.displayName)).toEqual([
      "LAPTOP-ADA",
    ]);
    const exported = await readCsv(
      devicesCsv(technician, deviceListQuery.parse({ organization: ids.fabrikam, os: "Windows" })),
    );
    expect(exported.map((row) => [row["Display name"], row.Owner, row.Organization])).toEqual([
      ["LAPTOP-BEA", "Bea Fabrikam", "Fabrikam"],
    ]);
    expect((await getDevice(technician, all.rows[2].id))?.organizationName).toBe("Fabrikam");
  });

  it("the filtered first page reads the organization's name index", async () => {
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.execute(
        sql`EXPLAIN SELECT id FROM devices WHERE organization_id = ${ids.fabrikam} ORDER BY display_name, id LIMIT 50`,
      );
    });
    expect(JSON.stringify(plan)).toContain("devices_organization_name_order");
  });
});
