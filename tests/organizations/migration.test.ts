// Migration 0017 on a copy of a database from before organizations: its data moves to a first organization
// named after the tenant, and nothing else changes.
import { afterEach, describe, expect, it } from "vitest";
import type postgres from "postgres";
import { databaseBefore } from "./pre-organizations-database";

type Database = Awaited<ReturnType<typeof databaseBefore>>;
let database: Database | null = null;
afterEach(async () => {
  await database?.drop();
  database = null;
});

const CONTOSO_TENANT = "9e2b4c6d-1a3f-4e5b-8c7d-0f1e2d3c4b5a";

/** What a users and a devices sync of Contoso left, as the app before organizations wrote it, and two clients added by hand. */
async function fillWithSyncedContoso(sql: postgres.Sql) {
  const [connection] = await sql`
    INSERT INTO entra_connections (name, enabled, client_id, tenant_id, sync_frequency)
    VALUES ('Microsoft Entra tenant', true, '0b5d7c2e-4f1a-4c8e-9a6d-3e2f1b0c9d84', ${CONTOSO_TENANT}, 'daily') RETURNING id`;
  const member = (n: number, company: string | null, mailDomain: string) => ({
    display_name: `Member ${n}`,
    mail: `member${n}@${mailDomain}`,
    user_principal_name: `member${n}@contoso.onmicrosoft.com`,
    company_name: company,
    is_external: false,
    user_type: "Member",
    source: "azure",
    connection_id: connection.id,
    entra_object_id: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`,
  });
  const guest = (n: number) => ({
    display_name: `Guest ${n}`,
    mail: `guest${n}@fabrikam.example`,
    user_principal_name: `guest${n}_fabrikam.example#EXT#@contoso.onmicrosoft.com`,
    // More guests than members name one company: a tenant is named after its members, never its guests.
    company_name: "Fabrikam Partners",
    is_external: true,
    user_type: "Guest",
    source: "azure",
    connection_id: connection.id,
    entra_object_id: `00000000-0000-4000-9000-${String(n).padStart(12, "0")}`,
  });
  const synced = [
    ...[1, 2, 3, 4].map((n) => member(n, "Contoso Ltd", "contoso.com")),
    member(5, "Contoso Pharmaceuticals", "contoso.com"),
    member(6, null, "contoso.onmicrosoft.com"),
    ...[1, 2, 3, 4, 5, 6].map(guest),
  ];
  const clientIds = await sql`INSERT INTO clients ${sql(synced)} RETURNING id`;
  await sql`
    INSERT INTO clients (display_name, mail, company_name, source, notes)
    VALUES ('Hana Hand', 'hana@client.example', 'Hand & Co', 'manual', 'Added before Entra was connected'),
           ('Hugo Hand', NULL, NULL, 'manual', NULL)`;
  await sql`
    INSERT INTO devices (display_name, operating_system, source, connection_id, entra_object_id, owner_entra_object_id, owner_client_id)
    VALUES ('LAPTOP-1', 'Windows', 'azure', ${connection.id}, 'device-1', ${synced[0].entra_object_id}, ${clientIds[0].id}),
           ('MAC-2', 'MacMDM', 'azure', ${connection.id}, 'device-2', NULL, NULL)`;
  return connection.id as string;
}

const rowsOf = async (sql: postgres.Sql, table: "clients" | "devices") =>
  sql`SELECT * FROM ${sql(table)} ORDER BY display_name`.then((rows) => rows.map((row) => ({ ...row })));

/** Rows read after the upgrade with the columns they had before and their organization (later migrations add more). */
const withColumnsOf = (before: Record<string, unknown>[], after: Record<string, unknown>[]) =>
  after.map((row) =>
    Object.fromEntries([...Object.keys(before[0]), "organization_id"].map((column) => [column, row[column]])),
  );

describe("migration 0017 on a database from before organizations", () => {
  it("makes one organization named after the tenant (its members' most common company) that owns the connection and every row", async () => {
    database = await databaseBefore("0017_organizations", "vertask_migration_synced");
    const { sql } = database;
    const connectionId = await fillWithSyncedContoso(sql);
    const [clientsBefore, devicesBefore] = [await rowsOf(sql, "clients"), await rowsOf(sql, "devices")];

    await database.upgrade();

    const organizations = await sql`SELECT id, name, primary_domain FROM organizations`;
    expect(organizations).toEqual([{ id: expect.any(String), name: "Contoso Ltd", primary_domain: "contoso.com" }]);
    const [organization] = organizations;
    expect(await sql`SELECT id, organization_id, method FROM entra_connections`).toEqual([
      { id: connectionId, organization_id: organization.id, method: "own_app" },
    ]);
    // Synced and hand-made rows alike belong to it; nothing else about them changed.
    const [clientsAfter, devicesAfter] = [await rowsOf(sql, "clients"), await rowsOf(sql, "devices")];
    // Migration 0021 adds typed_by_hand, empty on every row it finds.
    expect(clientsAfter).toEqual(
      clientsBefore.map((row) => ({ ...row, organization_id: organization.id, typed_by_hand: null })),
    );
    expect(withColumnsOf(devicesBefore, devicesAfter)).toEqual(
      // Migration 0026 searches a device by its serial number and primary user too: its search text grows.
      devicesBefore.map((row) => ({
        ...row,
        organization_id: organization.id,
        search_text: expect.stringContaining(row.search_text as string),
      })),
    );
    expect(clientsAfter.filter((row) => row.source === "manual").map((row) => row.display_name)).toEqual([
      "Hana Hand",
      "Hugo Hand",
    ]);
  });

  it("names a tenant whose members carry no company after the domain most of their sign-in names end with", async () => {
    database = await databaseBefore("0017_organizations", "vertask_migration_no_company");
    const { sql } = database;
    const [connection] = await sql`INSERT INTO entra_connections (name) VALUES ('Microsoft Entra tenant') RETURNING id`;
    await sql`
      INSERT INTO clients (display_name, mail, user_principal_name, source, connection_id, entra_object_id)
      VALUES ('Ann', 'ann@northwind.example', 'ann@northwind.onmicrosoft.com', 'azure', ${connection.id}, 'a'),
             ('Bo', NULL, 'bo@northwind.onmicrosoft.com', 'azure', ${connection.id}, 'b')`;

    await database.upgrade();

    expect(await sql`SELECT name, primary_domain FROM organizations`).toEqual([
      { name: "northwind.onmicrosoft.com", primary_domain: "northwind.example" },
    ]);
  });

  it("gives clients added by hand, with no connection, an organization of their own: My organization", async () => {
    database = await databaseBefore("0017_organizations", "vertask_migration_hand_made");
    const { sql } = database;
    await sql`INSERT INTO clients (display_name, mail, source) VALUES ('Hana Hand', 'hana@client.example', 'manual'), ('Hugo Hand', NULL, 'manual')`;

    await database.upgrade();

    const organizations = await sql`SELECT id, name, primary_domain FROM organizations`;
    expect(organizations).toEqual([{ id: expect.any(String), name: "My organization", primary_domain: null }]);
    expect(await sql`SELECT DISTINCT organization_id FROM clients`).toEqual([{ organization_id: organizations[0].id }]);
  });

  it("makes no organization in an empty database", async () => {
    database = await databaseBefore("0017_organizations", "vertask_migration_empty");
    await database.upgrade();
    expect(await database.sql`SELECT * FROM organizations`).toEqual([]);
  });
});
