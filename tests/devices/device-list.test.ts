import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/db/client";
import { clients, devices } from "@/db/schema";
import { listDevices, listOperatingSystems } from "@/lib/devices/queries";
import { devicesCsv } from "@/lib/devices/export-csv";
import { clientsCsv } from "@/lib/clients/export-csv";
import { deviceListQuery } from "@/lib/devices/list-query";
import { clientListQuery } from "@/lib/clients/list-query";
import { operatingSystemLabel } from "@/lib/devices/operating-systems";
import { parseCsv } from "@/lib/lists/csv";
import { createActor, resetDatabase } from "../support/database";
import { organizationId } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

let technician: Actor;

beforeAll(async () => {
  await resetDatabase();
  technician = await createActor("technician");
  const [owner] = await db
    .insert(clients)
    .values({
      organizationId: await organizationId(),
      displayName: "Ada Owner",
      mail: "ada@contoso.example",
      source: "manual",
      createdAt: new Date("2025-03-04T05:06:07.089Z"),
    })
    .returning({ id: clients.id });
  const inMyOrganization = await organizationId();
  const device = (displayName: string, operatingSystem: string, lastSignInAt: string | null) => ({
    organizationId: inMyOrganization,
    displayName,
    operatingSystem,
    operatingSystemVersion: "1.0",
    lastSignInAt: lastSignInAt ? new Date(lastSignInAt) : null,
    source: "azure" as const,
    ownerClientId: owner.id,
  });
  await db
    .insert(devices)
    .values([
      device("Alpha Mac", "MacMDM", "2026-01-02T03:04:05.678Z"),
      device("Bravo Mac", "macOS", "2026-02-01T00:00:00.000Z"),
      device("Charlie iPhone", "IPhone", null),
      device("Delta iPad", "IPad", "2025-12-31T23:59:59.000Z"),
      device("Echo Pixel", "AndroidForWork", "2026-01-15T12:00:00.000Z"),
      device("Foxtrot PC", "Windows", "2026-01-20T08:30:00.000Z"),
    ]);
});
afterAll(closeDatabase);

const query = (input: Record<string, unknown>) => deviceListQuery.parse(input);
const names = async (input: Record<string, unknown>) =>
  (await listDevices(technician, query(input))).rows.map((r) => r.displayName);
const readCsv = async (lines: AsyncGenerator<string>) => {
  let text = "";
  for await (const chunk of lines) text += chunk;
  const parsed = parseCsv(text);
  if ("problem" in parsed) throw new Error(parsed.problem);
  const [headers, ...rows] = parsed.records.map((record) => record.cells);
  return rows.map((cells) => Object.fromEntries(headers.map((header, i) => [header, cells[i]])));
};

describe("operating systems as people say them", () => {
  it("names Graph's values the way a help desk does", () => {
    expect(
      ["Windows", "MacMDM", "IPhone", "IPad", "AndroidForWork", "iOS", "Android", "Linux"].map(operatingSystemLabel),
    ).toEqual(["Windows", "macOS", "iOS", "iPadOS", "Android", "iOS", "Android", "Linux"]);
    expect(operatingSystemLabel("Plan9")).toBe("Plan9");
  });

  it("offers each label once in the filter, and the filter finds every value it stands for", async () => {
    expect(await listOperatingSystems(technician)).toEqual(["Android", "iOS", "iPadOS", "macOS", "Windows"]);
    expect(await names({ os: "macOS" })).toEqual(["Alpha Mac", "Bravo Mac"]);
    expect(await names({ os: "MacMDM" })).toEqual(["Alpha Mac", "Bravo Mac"]);
    expect(await names({ os: "BeOS" })).toEqual([]);
  });
});

describe("the device list", () => {
  it("sorts by name, or by the latest sign-in with devices that never signed in last", async () => {
    expect(await names({})).toEqual([
      "Alpha Mac",
      "Bravo Mac",
      "Charlie iPhone",
      "Delta iPad",
      "Echo Pixel",
      "Foxtrot PC",
    ]);
    expect(await names({ sort: "signin" })).toEqual([
      "Bravo Mac",
      "Foxtrot PC",
      "Echo Pixel",
      "Alpha Mac",
      "Delta iPad",
      "Charlie iPhone",
    ]);
    expect(await names({ q: "mac", sort: "signin" })).toEqual(["Bravo Mac", "Alpha Mac"]);
  });

  it("exports the filtered devices in the list's order, with their owner and ISO 8601 timestamps", async () => {
    const rows = await readCsv(devicesCsv(technician, query({ os: "macOS", sort: "signin" })));
    expect(rows.map((row) => row["Display name"])).toEqual(["Bravo Mac", "Alpha Mac"]);
    expect(rows[1]).toMatchObject({
      Owner: "Ada Owner",
      "Owner mail": "ada@contoso.example",
      "Last sign-in": "2026-01-02T03:04:05.678Z",
    });
    for (const row of rows) expect(row.Created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe("the client CSV", () => {
  it("writes timestamps as ISO 8601 in UTC, and nothing for a missing one", async () => {
    const [row] = await readCsv(clientsCsv(technician, clientListQuery.parse({ q: "ada" })));
    expect(row).toMatchObject({ Created: "2025-03-04T05:06:07.089Z", "Last synced": "" });
    expect(row.Updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
