import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray, sql } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients } from "@/db/schema";
import { listClients } from "@/lib/clients/queries";
import { clientsCsv } from "@/lib/clients/export-csv";
import { clientListQuery } from "@/lib/clients/list-query";
import { createActor, resetDatabase } from "./support/database";
import { organizationId } from "./support/organizations";
import type { Actor } from "@/lib/auth/authorize";

let technician: Actor;
let myOrganization: string;

beforeAll(async () => {
  await resetDatabase();
  technician = await createActor("technician");
  const people = [
    ["Zoë Ångström", "zoe@contoso.example", "active", false],
    ["Zoe Adams", "zadams@contoso.example", "disabled", false],
    ["Ørjan Ødegård", "orjan@partner.example", "active", true],
    ["100% Literal_Name", "percent@contoso.example", "removed", false],
    ['=HYPERLINK("http://evil")', "formula@contoso.example", "active", false],
  ] as const;
  myOrganization = await organizationId();
  await db.insert(clients).values(
    people.map(([displayName, mail, status, isExternal]) => ({
      organizationId: myOrganization,
      displayName,
      mail,
      userPrincipalName: mail,
      status,
      isExternal,
      source: "manual" as const,
    })),
  );
});
afterAll(closeDatabase);

const query = (input: Record<string, unknown>) => clientListQuery.parse(input);
const names = async (input: Record<string, unknown>) =>
  (await listClients(technician, query(input))).rows.map((r) => r.displayName);

describe("the client list", () => {
  it("finds 'zoe' in Zoë and Zoe alike, and 'odegard' in Ødegård", async () => {
    expect(await names({ q: "zoe" })).toEqual(["Zoe Adams", "Zoë Ångström"]);
    expect(await names({ q: "ODEGÅRD" })).toEqual(["Ørjan Ødegård"]);
  });

  it("treats % and _ in a search as plain characters", async () => {
    expect(await names({ q: "100%", status: "any" })).toEqual(["100% Literal_Name"]);
    // Unescaped, "e_a" would match the "e a" in "Zoe Adams".
    expect(await names({ q: "e_a" })).toEqual([]);
  });

  it("filters by status and external and counts the matches", async () => {
    expect(await listClients(technician, query({ status: "active" }))).toMatchObject({
      total: { count: 3, precision: "exact" },
    });
    expect(await names({ external: "yes" })).toEqual(["Ørjan Ødegård"]);
    // An unknown status is the default view: every client but the removed one.
    expect(await names({ status: "bogus" })).toHaveLength(4);
  });

  it("uses the trigram index for a search rather than reading the whole table", async () => {
    // A five-row table is cheaper to scan; forbid that to see which index the query can use.
    const plan = await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      return tx.execute(
        sql`EXPLAIN SELECT id FROM clients WHERE search_text LIKE '%' || lower(immutable_unaccent('zoe')) || '%'`,
      );
    });
    expect(JSON.stringify(plan)).toContain("clients_search_trgm");
  });

  it("exports every matching row as CSV and defuses spreadsheet formulas", async () => {
    let csv = "";
    for await (const chunk of clientsCsv(technician, query({ q: "contoso", status: "any" }))) csv += chunk;
    const lines = csv.trim().split("\r\n");
    expect(lines).toHaveLength(5);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  it("defuses every formula start in an export: full-width ＝＋－＠, and = + - @ after spaces or tabs", async () => {
    const risky = [
      "＝HYPERLINK(1)",
      "＋1+2",
      "－1+2",
      "＠SUM(A1)",
      "  =1+2",
      "\t\t+cmd",
      " \t-2+3",
      "   @SUM(A1)",
      "\tplain tab",
    ];
    const rows = await db
      .insert(clients)
      .values(
        risky.map((displayName, i) => ({
          organizationId: myOrganization,
          displayName,
          mail: `risky${i}@formula.example`,
          source: "manual" as const,
        })),
      )
      .returning({ id: clients.id });
    try {
      let csv = "";
      for await (const chunk of clientsCsv(technician, query({ q: "formula.example" }))) csv += chunk;
      const firstCells = csv
        .trim()
        .split("\r\n")
        .slice(1)
        .map((line) => line.split(",")[0]);
      expect(firstCells.sort()).toEqual(risky.map((name) => `'${name}`).sort());
    } finally {
      await db.delete(clients).where(
        inArray(
          clients.id,
          rows.map((row) => row.id),
        ),
      );
    }
  });

  it("an export stopped half-way ends its read: no transaction is left open, and exports go on working", async () => {
    await db.execute(sql`
      INSERT INTO clients (organization_id, display_name, mail, source)
      SELECT ${myOrganization}, 'Many ' || lpad(n::text, 5, '0'), 'many' || n || '@contoso.example', 'manual' FROM generate_series(1, 4500) AS n`);
    try {
      for (let download = 0; download < 25; download++) {
        const lines = clientsCsv(technician, query({ q: "many" }));
        await lines.next(); // the header
        expect((await lines.next()).value).toContain("Many 00001");
        await lines.return(undefined);
      }
      const [{ open }] = await db.execute<{ open: number }>(
        sql`SELECT count(*)::int AS open FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      expect(open).toBe(0);
      let csv = "";
      for await (const chunk of clientsCsv(technician, query({ q: "many" }))) csv += chunk;
      expect(csv.trim().split("\r\n")).toHaveLength(4501);
    } finally {
      await db.execute(sql`DELETE FROM clients WHERE display_name LIKE 'Many %'`);
    }
  });

  it("pages a search's matches in name order or by last update, as the list without a search does", async () => {
    const added = Array.from({ length: 60 }, (_, i) => ({
      organizationId: myOrganization,
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
      expect(await listClients(technician, query({ q: "zoey", page: 2 }))).toMatchObject({
        total: { count: 60, precision: "exact" },
      });
    } finally {
      await db.delete(clients).where(
        inArray(
          clients.id,
          inserted.map((row) => row.id),
        ),
      );
    }
  });

  it("past 40,000 matches says 'more than 40,000' and still pages them in name order, without counting them all", async () => {
    await db.execute(sql`
      INSERT INTO clients (organization_id, display_name, mail, source)
      SELECT ${myOrganization}, 'Bulk ' || lpad(n::text, 6, '0'), 'bulk' || n || '@contoso.example', 'manual' FROM generate_series(1, 40001) AS n`);
    try {
      const first = await listClients(technician, query({ q: "bulk" }));
      expect(first.total).toEqual({ count: 40_000, precision: "more than" });
      expect(first.rows.map((row) => row.displayName)).toEqual(
        Array.from({ length: 50 }, (_, i) => `Bulk ${String(i + 1).padStart(6, "0")}`),
      );
      expect((await names({ q: "bulk", page: 801 }))[0]).toBe("Bulk 040001");
      expect((await listClients(technician, query({ source: "manual" }))).total).toEqual({
        count: 40_000,
        precision: "more than",
      });
      expect((await listClients(technician, query({ q: "bulk 0400" }))).total).toEqual({
        count: 2,
        precision: "exact",
      });
    } finally {
      await db.execute(sql`DELETE FROM clients WHERE display_name LIKE 'Bulk %'`);
    }
  });

  it("a list without filters past 200,000 rows shows PostgreSQL's estimate as 'about'", async () => {
    // What autovacuum's ANALYZE would record for a table of a million clients.
    await db.execute(sql`UPDATE pg_class SET reltuples = 994953 WHERE oid = 'clients'::regclass`);
    try {
      expect((await listClients(technician, query({}))).total).toEqual({ count: 990_000, precision: "about" });
    } finally {
      await db.execute(sql`ANALYZE clients`);
    }
    // The removed client is left out of the default view.
    expect((await listClients(technician, query({}))).total).toEqual({ count: 4, precision: "exact" });
  });

  it("refuses anyone who is not signed in", async () => {
    await expect(listClients(null as unknown as Actor, query({}))).rejects.toThrow("Sign in to continue.");
  });
});
