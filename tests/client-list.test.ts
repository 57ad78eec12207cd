import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray, sql } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients } from "@/db/schema";
import { listClients } from "@/lib/clients/queries";
import { clientsCsv } from "@/lib/clients/export-csv";
import { clientListQuery } from "@/lib/clients/list-query";
import { createActor, resetDatabase } from "./support/database";
import type { Actor } from "@/lib/auth/authorize";

let technician: Actor;

beforeAll(async () => {
  await resetDatabase();
  technician = await createActor("technician");
  const people = [
    ["Zoë Ångström", "zoe@contoso.example", "active", false],
    ["Zoe Adams", "zadams@contoso.example", "disabled", false],
    ["Ørjan Ødegård", "orjan@partner.example", "active", true],
    ["100% Literal_Name", "percent@contoso.example", "removed", false],
    ["=HYPERLINK(\"http://evil\")", "formula@contoso.example", "active", false],
  ] as const;
  await db.insert(clients).values(
    people.map(([displayName, mail, status, isExternal]) => ({ displayName, mail, userPrincipalName: mail, status, isExternal, source: "manual" as const })),
  );
});
afterAll(closeDatabase);

const query = (input: Record<string, unknown>) => clientListQuery.parse(input);
const names = async (input: Record<string, unknown>) => (await listClients(technician, query(input))).rows.map((r) => r.displayName);

describe("the client list", () => {
  it("finds 'zoe' in Zoë and Zoe alike, and 'odegard' in Ødegård", async () => {
    expect(await names({ q: "zoe" })).toEqual(["Zoe Adams", "Zoë Ångström"]);
    expect(await names({ q: "ODEGÅRD" })).toEqual(["Ørjan Ødegård"]);
  });

  it("treats % and _ in a search as plain characters", async () => {
    expect(await names({ q: "100%" })).toEqual(["100% Literal_Name"]);
    // Unescaped, "e_a" would match the "e a" in "Zoe Adams".
    expect(await names({ q: "e_a" })).toEqual([]);
  });

  it("filters by status and external and counts the matches", async () => {
    expect(await listClients(technician, query({ status: "active" }))).toMatchObject({ total: 3 });
    expect(await names({ external: "yes" })).toEqual(["Ørjan Ødegård"]);
    expect(await names({ status: "bogus" })).toHaveLength(5);
  });

  it("uses the trigram index for a search rather than reading the whole table", async () => {
    // A five-row table is cheaper to scan; forbid that to see which index the query can use.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.execute(sql`EXPLAIN SELECT id FROM clients WHERE search_text LIKE '%' || lower(immutable_unaccent('zoe')) || '%'`);
    });
    expect(JSON.stringify(plan)).toContain("clients_search_trgm");
  });

  it("exports every matching row as CSV and defuses spreadsheet formulas", async () => {
    let csv = "";
    for await (const chunk of clientsCsv(technician, query({ q: "contoso" }))) csv += chunk;
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("pages a search's matches in name order or by last update, as the list without a search does", async () => {
    const added = Array.from({ length: 60 }, (_, i) => ({
      displayName: `Zoey ${String(i).padStart(3, "0")}`,
      mail: `zoey${i}@contoso.example`,
      source: "manual" as const,
      updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 60 - i)),
    }));
    const inserted = await db.insert(clients).values(added).returning({ id: clients.id });
    try {
      const byName = [...(await names({ q: "zoey" })), ...(await names({ q: "zoey", page: 2 }))];
      expect(byName).toEqual(added.map((c) => c.displayName));
      expect(await names({ q: "zoey", sort: "updated" })).toEqual(added.slice(0, 50).map((c) => c.displayName));
      expect(await listClients(technician, query({ q: "zoey", page: 2 }))).toMatchObject({ total: 60 });
    } finally {
      await db.delete(clients).where(inArray(clients.id, inserted.map((row) => row.id)));
    }
  });

  it("refuses anyone who is not signed in", async () => {
    await expect(listClients(null as unknown as Actor, query({}))).rejects.toThrow("Sign in to continue.");
  });
});
