import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { ConnectionMethod, SyncFrequency, SyncRun } from "@/db/schema";

/** One organization with what the overview shows of it, read for every organization at once. */
export type OverviewRow = {
  id: string;
  name: string;
  primary_domain: string | null;
  connection_id: string | null;
  method: ConnectionMethod | null;
  enabled: boolean | null;
  sync_frequency: SyncFrequency | null;
  client_id: string | null;
  tenant_id: string | null;
  has_secret: boolean;
  client_secret_expires_on: string | null;
  has_certificate: boolean;
  certificate_expires_on: string | null;
  clients: number;
  devices: number;
  devices_needing_attention: number;
  users_status: SyncRun["status"] | null;
  users_queued_at: Date | null;
  users_finished_at: Date | null;
  devices_status: SyncRun["status"] | null;
  devices_queued_at: Date | null;
  devices_finished_at: Date | null;
  open_alerts: number;
};

const lastRun = (kind: "users" | "devices") =>
  sql.raw(`
  LEFT JOIN LATERAL (
    SELECT status, queued_at, finished_at FROM sync_runs
    WHERE connection_id = c.id AND kind = '${kind}' AND NOT preview
    ORDER BY queued_at DESC LIMIT 1
  ) ${kind}_run ON true`);

/**
 * One query for every organization: counts grouped once, the last run of each kind through the runs' (connection,
 * kind, queued_at) index, open alerts grouped once. No query per organization.
 */
export async function readOverviewRows(): Promise<OverviewRow[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    WITH client_counts AS (
      SELECT organization_id, count(*)::int AS n FROM clients WHERE status <> 'removed' GROUP BY organization_id
    ), device_counts AS (
      SELECT organization_id, count(*)::int AS n,
        count(*) FILTER (WHERE cardinality(attention_reasons) > 0)::int AS needing_attention
      FROM devices WHERE status <> 'removed' GROUP BY organization_id
    ), alerts AS (
      SELECT connection_id, count(*)::int AS n FROM alert_conditions WHERE cleared_at IS NULL GROUP BY connection_id
    )
    SELECT o.id, o.name, o.primary_domain,
      c.id AS connection_id, c.method, c.enabled, c.sync_frequency, c.client_id, c.tenant_id,
      cr.client_secret_ciphertext IS NOT NULL AS has_secret, cr.client_secret_expires_on::text,
      cr.certificate_key_ciphertext IS NOT NULL AS has_certificate, cr.certificate_expires_on::text,
      coalesce(cc.n, 0) AS clients, coalesce(dc.n, 0) AS devices,
      coalesce(dc.needing_attention, 0) AS devices_needing_attention,
      users_run.status AS users_status, users_run.queued_at AS users_queued_at, users_run.finished_at AS users_finished_at,
      devices_run.status AS devices_status, devices_run.queued_at AS devices_queued_at, devices_run.finished_at AS devices_finished_at,
      coalesce(a.n, 0) AS open_alerts
    FROM organizations o
    LEFT JOIN entra_connections c ON c.organization_id = o.id
    LEFT JOIN credentials cr ON cr.connection_id = c.id
    LEFT JOIN client_counts cc ON cc.organization_id = o.id
    LEFT JOIN device_counts dc ON dc.organization_id = o.id
    LEFT JOIN alerts a ON a.connection_id = c.id
    ${lastRun("users")}
    ${lastRun("devices")}`);
  const at = (value: unknown) => (value ? new Date(value as string) : null);
  return [...rows].map((row) => ({
    ...(row as unknown as OverviewRow),
    has_secret: Boolean(row.has_secret),
    has_certificate: Boolean(row.has_certificate),
    users_queued_at: at(row.users_queued_at),
    users_finished_at: at(row.users_finished_at),
    devices_queued_at: at(row.devices_queued_at),
    devices_finished_at: at(row.devices_finished_at),
  }));
}
