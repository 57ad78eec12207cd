import "server-only";
import { sql } from "drizzle-orm";
import { noCounts } from "./decide-page";
import type { RunPlan } from "./run-plan";
import { whileRunning, writeWhileRunning } from "./write-page";

// How a page of Intune's managed devices is written (lib/sync/intune-page.ts lists them): one statement with its
// page record, asking Graph nothing.

/** A managed device as the page's statement reads it (json_to_recordset, by these names). */
export type ManagedRow = {
  intune_device_id: string;
  azure_ad_device_id: string | null;
  device_name: string;
  serial_number: string | null;
  manufacturer: string | null;
  model: string | null;
  operating_system: string | null;
  operating_system_version: string | null;
  compliance_state: string | null;
  intune_last_sync_at: string | null;
  enrolled_at: string | null;
  ownership: string | null;
  management_agent: string | null;
  is_encrypted: boolean | null;
  primary_user_principal_name: string | null;
  primary_user_display_name: string | null;
};

const RECORDSET_COLUMNS = `intune_device_id text, azure_ad_device_id text, device_name text, serial_number text,
  manufacturer text, model text, operating_system text, operating_system_version text, compliance_state text,
  intune_last_sync_at timestamptz, enrolled_at timestamptz, ownership text, management_agent text, is_encrypted boolean,
  primary_user_principal_name text, primary_user_display_name text`;

/** The Intune columns a device takes from its managed device, and the fields its history tells of when they change. */
const INTUNE_COLUMNS = [
  "intune_device_id",
  "serial_number",
  "compliance_state",
  "intune_last_sync_at",
  "enrolled_at",
  "ownership",
  "management_agent",
  "is_encrypted",
  "primary_user_principal_name",
  "primary_user_display_name",
  "primary_user_client_id",
];
const TOLD: [field: string, column: string][] = [
  ["serialNumber", "serial_number"],
  ["complianceState", "compliance_state"],
  ["ownership", "ownership"],
  ["managementAgent", "management_agent"],
  ["isEncrypted", "is_encrypted"],
  ["primaryUserPrincipalName", "primary_user_principal_name"],
];
/** A device only Intune has takes these from it too (its Entra device would give them otherwise). */
const INTUNE_ONLY_COLUMNS = ["manufacturer", "model", "operating_system", "operating_system_version"];

/** The page's managed devices, and the synced clients their primary users are (by user principal name). */
function pageRows(connectionId: string, rows: ManagedRow[]) {
  return [
    sql`page_rows AS MATERIALIZED (
      SELECT * FROM json_to_recordset(${JSON.stringify(rows)}::json) AS m(${sql.raw(RECORDSET_COLUMNS)}))`,
    // The synced clients the page's primary users are (by user principal name), linked as the page is written.
    sql`user_clients AS MATERIALIZED (
      SELECT DISTINCT ON (lower(c.user_principal_name)) lower(c.user_principal_name) AS upn, c.id
      FROM clients c
      WHERE c.connection_id = ${connectionId}::uuid
        AND lower(c.user_principal_name) IN (SELECT lower(primary_user_principal_name) FROM page_rows)
      ORDER BY lower(c.user_principal_name), c.status = 'removed', c.id)`,
  ];
}

/** Each part of one page's statement; `last` adds what ends the listing (see clearedParts). */
function pageParts(plan: Pick<RunPlan, "runId" | "connectionId" | "syncedAt">, rows: ManagedRow[]) {
  const { runId, connectionId, syncedAt } = plan;
  const set = (columns: string[]) => columns.map((c) => `"${c}" = m."${c}"`).join(", ");
  const differs = `(${INTUNE_COLUMNS.map((c) => `d."${c}"`).join(", ")}) IS DISTINCT FROM (${INTUNE_COLUMNS.map((c) => `m."${c}"`).join(", ")})`;
  const changes = TOLD.map(([field, column]) => `('${field}', m."old_${column}"::text, m."${column}"::text)`).join(
    ", ",
  );
  const onlyColumns = [...INTUNE_COLUMNS, ...INTUNE_ONLY_COLUMNS];
  return [
    ...pageRows(connectionId, rows),
    // Each listed device with the Entra device it belongs to (if synced) and what that device had before.
    sql`matched AS MATERIALIZED (
      SELECT m.*, p.id AS primary_user_client_id, e.id AS entra_row, e.organization_id,
        e.intune_device_id AS old_intune, o.status AS only_status,
        ${sql.raw(TOLD.map(([, column]) => `e."${column}" AS "old_${column}"`).join(", "))}
      FROM page_rows m
      LEFT JOIN user_clients p ON p.upn = lower(m.primary_user_principal_name)
      LEFT JOIN LATERAL (
        SELECT d.* FROM devices d
        WHERE d.connection_id = ${connectionId}::uuid AND d.device_id = m.azure_ad_device_id
          AND d.entra_object_id IS NOT NULL AND d.status <> 'removed'
        ORDER BY d.id LIMIT 1) e ON true
      LEFT JOIN devices o ON o.connection_id = ${connectionId}::uuid AND o.entra_object_id IS NULL
        AND o.intune_device_id = m.intune_device_id)`,
    // Only what Intune changed is written: rewriting every device at every sync would renew each row and its
    // search index entries (serial number, primary user) for nothing.
    sql`joined AS (
      UPDATE devices d SET ${sql.raw(set(INTUNE_COLUMNS))}, updated_at = ${syncedAt}::timestamptz
      FROM matched m WHERE d.id = m.entra_row AND ${sql.raw(differs)} AND ${whileRunning})`,
    sql`listed AS (
      INSERT INTO sync_intune_listed (run_id, intune_device_id)
      SELECT ${runId}::uuid, m.intune_device_id FROM matched m WHERE ${whileRunning} ON CONFLICT DO NOTHING)`,
    // What changed in Intune's fields of a device Intune already had, in its history.
    sql`told AS (
      INSERT INTO record_events (organization_id, device_id, kind, run_id, changes)
      SELECT m.organization_id, m.entra_row, 'changed', ${runId}::uuid, c.changes
      FROM matched m CROSS JOIN LATERAL (
        SELECT jsonb_agg(jsonb_build_object('field', f.field, 'from', f.before, 'to', f.after)) AS changes
        FROM (VALUES ${sql.raw(changes)}) AS f(field, before, after) WHERE f.before IS DISTINCT FROM f.after) c
      WHERE m.entra_row IS NOT NULL AND m.old_intune IS NOT NULL AND c.changes IS NOT NULL AND ${whileRunning})`,
    sql`intune_only AS (
      INSERT INTO devices (organization_id, connection_id, source, display_name, last_synced_at, updated_at, ${sql.raw(onlyColumns.map((c) => `"${c}"`).join(", "))})
      SELECT (SELECT organization_id FROM entra_connections WHERE id = ${connectionId}::uuid), ${connectionId}::uuid,
        'intune', m.device_name, ${syncedAt}::timestamptz, ${syncedAt}::timestamptz,
        ${sql.raw(onlyColumns.map((c) => `m."${c}"`).join(", "))}
      FROM matched m WHERE m.entra_row IS NULL AND ${whileRunning}
      ON CONFLICT (connection_id, intune_device_id) WHERE entra_object_id IS NULL AND intune_device_id IS NOT NULL
      DO UPDATE SET display_name = excluded.display_name, status = 'active', last_synced_at = excluded.last_synced_at,
        updated_at = CASE WHEN (${sql.raw(["display_name", "status", ...onlyColumns].map((c) => `devices."${c}"`).join(", "))})
          IS DISTINCT FROM (${sql.raw(["display_name", "'active'::record_status", ...onlyColumns].map((c) => (c.includes("::") ? c : `excluded."${c}"`)).join(", "))})
          THEN excluded.updated_at ELSE devices.updated_at END,
        ${sql.raw(onlyColumns.map((c) => `"${c}" = excluded."${c}"`).join(", "))}
      RETURNING id, organization_id, intune_device_id, (xmax = 0) AS inserted)`,
    // A device only Intune has is created, or restored when Intune lists it again after it was removed.
    sql`intune_only_told AS (
      INSERT INTO record_events (organization_id, device_id, kind, run_id)
      SELECT i.organization_id, i.id, CASE WHEN i.inserted THEN 'created' ELSE 'restored' END::record_event_kind,
        ${runId}::uuid
      FROM intune_only i JOIN matched m ON m.intune_device_id = i.intune_device_id
      WHERE i.inserted OR m.only_status = 'removed')`,
    // A device only Intune had that now has its Entra device: the Entra device carries its Intune details on.
    sql`merged AS (
      UPDATE devices d SET status = 'removed', updated_at = ${syncedAt}::timestamptz
      FROM matched m
      WHERE m.entra_row IS NOT NULL AND d.connection_id = ${connectionId}::uuid AND d.entra_object_id IS NULL
        AND d.intune_device_id = m.intune_device_id AND d.source = 'intune' AND d.status <> 'removed' AND ${whileRunning}
      RETURNING d.id, d.organization_id)`,
    sql`merged_told AS (
      INSERT INTO record_events (organization_id, device_id, kind, run_id, reason)
      SELECT organization_id, id, 'removed', ${runId}::uuid, 'synced from its Microsoft Entra device now' FROM merged)`,
  ];
}

/**
 * After the last page: what Intune no longer lists. A device only Intune had is removed; another loses its
 * Intune details (Intune no longer manages it). This page's devices are left to its own parts.
 */
function clearedParts(plan: Pick<RunPlan, "runId" | "connectionId" | "syncedAt">) {
  const { runId, connectionId, syncedAt } = plan;
  const notListed = sql`connection_id = ${connectionId}::uuid AND intune_device_id IS NOT NULL
    AND intune_device_id NOT IN (SELECT intune_device_id FROM sync_intune_listed WHERE run_id = ${runId}::uuid)
    AND id NOT IN (SELECT entra_row FROM matched WHERE entra_row IS NOT NULL)
    AND intune_device_id NOT IN (SELECT intune_device_id FROM matched) AND ${whileRunning}`;
  return [
    // What each device Intune stopped managing had, told in its history as it goes.
    sql`unmanaged_before AS MATERIALIZED (
      SELECT id, organization_id, ${sql.raw(TOLD.map(([, column]) => `"${column}"`).join(", "))}
      FROM devices WHERE source <> 'intune' AND ${notListed})`,
    sql`unmanaged AS (
      UPDATE devices d SET ${sql.raw(INTUNE_COLUMNS.map((c) => `"${c}" = NULL`).join(", "))}, updated_at = ${syncedAt}::timestamptz
      FROM unmanaged_before b WHERE d.id = b.id)`,
    sql`unmanaged_told AS (
      INSERT INTO record_events (organization_id, device_id, kind, run_id, reason, changes)
      SELECT b.organization_id, b.id, 'changed', ${runId}::uuid, 'no longer managed by Intune', c.changes
      FROM unmanaged_before b CROSS JOIN LATERAL (
        SELECT coalesce(jsonb_agg(jsonb_build_object('field', f.field, 'from', f.before, 'to', NULL)), '[]'::jsonb) AS changes
        FROM (VALUES ${sql.raw(TOLD.map(([field, column]) => `('${field}', b."${column}"::text)`).join(", "))})
          AS f(field, before) WHERE f.before IS NOT NULL) c)`,
    sql`gone AS (
      UPDATE devices SET status = 'removed', updated_at = ${syncedAt}::timestamptz
      WHERE source = 'intune' AND status <> 'removed' AND ${notListed}
      RETURNING id, organization_id)`,
    sql`gone_told AS (
      INSERT INTO record_events (organization_id, device_id, kind, run_id, reason)
      SELECT organization_id, id, 'removed', ${runId}::uuid, 'no longer listed by Intune' FROM gone)`,
  ];
}

/** Writes one page of managed devices (and, on the last, clears what Intune no longer lists) with its page record. */
export async function writeIntunePage(plan: RunPlan, pageIndex: number, rows: ManagedRow[], nextLink: string | null) {
  const last = !nextLink;
  const parts = [...pageParts(plan, rows), ...(last ? clearedParts(plan) : [])];
  // The page counts only the devices Intune alone has (each told in its history); the others are Entra's to count.
  const counts = sql`${JSON.stringify(noCounts())}::jsonb || jsonb_build_object(
    'created', (SELECT count(*) FROM intune_only WHERE inserted),
    'restored', (SELECT count(*) FROM intune_only i JOIN matched m USING (intune_device_id)
      WHERE NOT i.inserted AND m.only_status = 'removed'),
    'removed', (SELECT count(*) FROM merged) + ${last ? sql`(SELECT count(*) FROM gone)` : sql`0`})`;
  const written = await writeWhileRunning(plan.runId, [
    ...parts,
    sql`page AS (
      INSERT INTO sync_run_pages (run_id, page_index, counts, skipped_reasons, next_link, delta_link)
      SELECT ${plan.runId}, ${pageIndex}, ${counts}, '{}'::jsonb, ${nextLink}, NULL
      WHERE ${whileRunning})`,
  ]);
  return { written };
}
