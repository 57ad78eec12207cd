// Migration 0019 on a database where two organizations already share a tenant (possible before it): the oldest
// keeps the tenant, the other is disabled without it and the audit log says why; open consent links are voided.
import { afterEach, describe, expect, it } from "vitest";
import { databaseBefore } from "./pre-organizations-database";

type Database = Awaited<ReturnType<typeof databaseBefore>>;
let database: Database | null = null;
afterEach(async () => {
  await database?.drop();
  database = null;
});

const TENANT = "3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b";

describe("migration 0019: one tenant, one organization", () => {
  it("keeps the tenant on the oldest connection, disables the later one with an audit row, and voids open consent links", async () => {
    database = await databaseBefore("0019_consent-binds-one-tenant", "vertask_migration_0019");
    const { sql } = database;
    const [first] =
      await sql`INSERT INTO organizations (name, created_at) VALUES ('Contoso', now() - interval '2 days') RETURNING id`;
    const [second] = await sql`INSERT INTO organizations (name) VALUES ('Contoso (again)') RETURNING id`;
    const [third] = await sql`INSERT INTO organizations (name) VALUES ('Fabrikam') RETURNING id`;
    await sql`INSERT INTO entra_connections (organization_id, name, enabled, tenant_id, users_delta_link, created_at)
      VALUES (${first.id}, 'Microsoft Entra tenant', true, ${TENANT}, 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=a', now() - interval '2 days')`;
    await sql`INSERT INTO entra_connections (organization_id, name, enabled, method, client_id, tenant_id, users_delta_link)
      VALUES (${second.id}, 'Microsoft Entra tenant', true, 'provider_app', 'app', ${TENANT.toUpperCase()}, 'https://graph.microsoft.com/v1.0/users/delta?$deltatoken=b')`;
    await sql`INSERT INTO entra_connections (organization_id, name, enabled, method) VALUES (${third.id}, 'Microsoft Entra tenant', false, 'provider_app')`;
    const [admin] =
      await sql`INSERT INTO staff_users (name, email, password_hash, role) VALUES ('Sam', 'sam@msp.example', 'x', 'superuser') RETURNING id`;
    await sql`INSERT INTO consent_requests (organization_id, requested_by_id, state_hash, expires_at) VALUES (${third.id}, ${admin.id}, 'open', now() + interval '1 day')`;
    await sql`INSERT INTO consent_requests (organization_id, requested_by_id, state_hash, expires_at, used_at, outcome, tenant_id)
      VALUES (${second.id}, ${admin.id}, 'answered', now() + interval '1 day', now(), 'connected', ${TENANT})`;

    await database.upgrade();

    const connections =
      await sql`SELECT o.name, c.tenant_id, c.enabled, c.users_delta_link FROM entra_connections c JOIN organizations o ON o.id = c.organization_id ORDER BY o.name`;
    expect(connections.map((row) => ({ ...row }))).toEqual([
      {
        name: "Contoso",
        tenant_id: TENANT,
        enabled: true,
        users_delta_link: "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=a",
      },
      { name: "Contoso (again)", tenant_id: null, enabled: false, users_delta_link: null },
      { name: "Fabrikam", tenant_id: null, enabled: false, users_delta_link: null },
    ]);
    const audit = await sql`SELECT actor_name, summary FROM audit_events`;
    expect(audit.map((row) => ({ ...row }))).toEqual([
      {
        actor_name: "Vertask (upgrade)",
        summary: `Contoso (again): Directory (tenant) ID cleared and Status set to Disabled: tenant ${TENANT.toUpperCase()} is connected to Contoso (one tenant, one organization)`,
      },
    ]);
    const links =
      await sql`SELECT state_hash, voided_at IS NOT NULL AS voided, answered_at IS NOT NULL AS answered FROM consent_requests ORDER BY state_hash`;
    expect(links.map((row) => ({ ...row }))).toEqual([
      { state_hash: "answered", voided: false, answered: true },
      { state_hash: "open", voided: true, answered: false },
    ]);
    await expect(
      sql`UPDATE entra_connections SET tenant_id = ${TENANT} WHERE organization_id = ${third.id}`,
    ).rejects.toMatchObject({ constraint_name: "entra_connections_one_per_tenant" });
  });
});
