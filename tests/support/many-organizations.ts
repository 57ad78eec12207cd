// Many organizations written straight into the database, set-based (a few statements whatever the count), for the
// tests and the bench that show what one query per organization would cost. Organization n is "Customer 0n":
// odd ones connected by their own app (a secret expiring in 100 + n days), even ones by the provider's app (n % 10 = 4
// still waiting for consent); Status Enabled unless n % 7 = 0, Daily unless n % 3 = 0 (Manual only); n % 60 clients,
// n % 25 devices, 20 scheduled runs of each kind an hour apart (the newest failed now and then), and an open
// connection-check alert on about one in eight.
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { credentials, providerApp } from "@/db/schema";

export async function seedManyOrganizations(count: number) {
  const digits = Math.max(3, String(count).length);
  await db.execute(sql`
    INSERT INTO organizations (name, primary_domain)
    SELECT 'Customer ' || lpad(i::text, ${digits}, '0'), 'customer' || i || '.example' FROM generate_series(1, ${count}::int) i`);
  await db.execute(sql`
    INSERT INTO entra_connections (organization_id, name, method, enabled, sync_frequency, client_id, tenant_id)
    SELECT id, 'Microsoft Entra tenant', CASE WHEN n % 2 = 0 THEN 'provider_app' ELSE 'own_app' END::connection_method, n % 7 <> 0,
      CASE WHEN n % 3 = 0 THEN 'manual' ELSE 'daily' END::sync_frequency,
      CASE WHEN n % 10 = 4 THEN NULL ELSE gen_random_uuid()::text END, gen_random_uuid()::text
    FROM (SELECT id, substring(name from 10)::int AS n FROM organizations) o`);
  await db.execute(sql`
    INSERT INTO credentials (connection_id, client_secret_ciphertext, client_secret_expires_on)
    SELECT c.id, 'v1.stored', current_date + 100 + n
    FROM entra_connections c JOIN (SELECT id, substring(name from 10)::int AS n FROM organizations) o ON o.id = c.organization_id
    WHERE n % 2 = 1`);
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
  await db.execute(sql`ANALYZE`);
}

/**
 * Alerts come due three days on (the time it returns): the newest scheduled run of n % 10 = 3 was cancelled (their
 * schedules stall); secrets of n % 50 = 1, 3, 5 then have 17 days left, 2 days, or have expired; the provider app's
 * secret has 1 day. The seed's occasional failed run becomes a success, so what comes due is known exactly.
 */
export async function makeAlertsDue(): Promise<Date> {
  const dayMs = 86_400_000;
  await db.execute(sql`UPDATE sync_runs SET status = 'succeeded' WHERE status = 'failed'`);
  await db.execute(sql`
    UPDATE sync_runs r SET status = 'cancelled' FROM entra_connections c JOIN organizations o ON o.id = c.organization_id
    WHERE r.connection_id = c.id AND substring(o.name from 10)::int % 10 = 3 AND r.queued_at > now() - interval '90 minutes'`);
  await db.execute(sql`
    UPDATE credentials cr SET client_secret_expires_on = current_date + CASE substring(o.name from 10)::int % 50 WHEN 1 THEN 20 WHEN 3 THEN 5 ELSE -10 END
    FROM entra_connections c JOIN organizations o ON o.id = c.organization_id
    WHERE cr.connection_id = c.id AND substring(o.name from 10)::int % 50 IN (1, 3, 5)`);
  await db.insert(providerApp).values({ clientId: "5d2f1e9a-0c1b-4a8e-9f3d-7b6a5c4d3e2f" });
  await db.insert(credentials).values({
    providerAppId: true,
    clientSecretCiphertext: "v1.stored",
    clientSecretExpiresOn: new Date(Date.now() + 4 * dayMs).toISOString().slice(0, 10),
  });
  return new Date(Date.now() + 3 * dayMs);
}
