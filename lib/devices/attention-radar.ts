import "server-only";
import { sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { notCompliantStates } from "./attention-reasons";
import { graphValuesLabelled } from "./operating-systems";

/** The operating systems of a company device Intune should manage: Windows and macOS, under every name Graph uses. */
const managedPlatforms = graphValuesLabelled(["Windows", "macOS"]);

/**
 * Entra's trust types of a company device: joined to Entra (AzureAd) or to the on-premises domain and Entra
 * (ServerAd, hybrid joined); a device only registered (Workplace) is someone's own phone or laptop.
 */
const companyTrustTypes = ["AzureAd", "ServerAd"];

const oneOf = (values: string[]) =>
  sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );

/**
 * Holds the organization's device rows for this transaction: a users and a devices sync of one connection can
 * finish at once, and each rewrites devices (owners, held removals, reasons) in no set order; taken before the
 * first such write, it makes the second wait instead of deadlocking with the first.
 */
export async function holdOrganizationDevices(tx: Transaction, organizationId: string) {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`devices-of:${organizationId}`}, 0))`);
}

/**
 * Works out every device's attention reasons in one organization, in one statement: each reason is a condition on
 * the device's row, its owner's client, its organization's thresholds and its connection; only the rows whose
 * reasons changed are written. Run after each sync (the end of a run sees every page written) and when the
 * thresholds change. Only an active device needs attention: a disabled or removed one is already dealt with.
 */
export async function recomputeDeviceAttention(tx: Transaction | typeof db, organizationId: string) {
  const changed = await tx.execute(sql`
    WITH serials AS (
      SELECT upper(trim(serial_number)) AS serial FROM devices
      WHERE organization_id = ${organizationId} AND status <> 'removed' AND trim(serial_number) NOT IN ('', '0')
      GROUP BY 1 HAVING count(*) > 1
    ), computed AS (
      SELECT d.id, CASE WHEN d.status <> 'active' THEN '{}'::text[] ELSE array_remove(ARRAY[
        CASE WHEN coalesce(d.last_sign_in_at, d.registered_at) < now() - make_interval(days => o.stale_sign_in_days)
          OR d.intune_last_sync_at < now() - make_interval(days => o.stale_check_in_days) THEN 'stale' END,
        CASE WHEN owner.status <> 'active' THEN 'owner_gone' END,
        CASE WHEN d.compliance_state IN (${oneOf(notCompliantStates)})
          OR (d.compliance_state IS NULL AND d.is_compliant = false) THEN 'not_compliant' END,
        CASE WHEN c.intune_readable AND d.intune_device_id IS NULL
          AND d.trust_type IN (${oneOf(companyTrustTypes)})
          AND lower(trim(d.operating_system)) IN (${oneOf(managedPlatforms)}) THEN 'not_managed' END,
        CASE WHEN d.is_encrypted = false THEN 'not_encrypted' END,
        CASE WHEN s.serial IS NOT NULL THEN 'same_serial' END
      ], NULL) END AS reasons
      FROM devices d
      JOIN organizations o ON o.id = d.organization_id
      LEFT JOIN entra_connections c ON c.id = d.connection_id
      LEFT JOIN clients owner ON owner.id = coalesce(d.owner_client_id, d.primary_user_client_id)
      LEFT JOIN serials s ON s.serial = upper(trim(d.serial_number))
      WHERE d.organization_id = ${organizationId}
    )
    UPDATE devices SET attention_reasons = computed.reasons FROM computed
    WHERE devices.id = computed.id AND devices.attention_reasons IS DISTINCT FROM computed.reasons`);
  return changed.count;
}

/** The organizations that have devices, in a stable order: the daily refresh's list (inngest/refresh-device-attention.ts). */
export async function organizationsWithDevices() {
  const rows = await db.execute<{ id: string }>(
    sql`SELECT o.id FROM organizations o WHERE EXISTS (SELECT 1 FROM devices d WHERE d.organization_id = o.id) ORDER BY o.id`,
  );
  return rows.map((row) => row.id);
}

/**
 * Works the reasons out again for these organizations, each in its own transaction: time alone makes a device
 * stale, so an organization that syncs rarely (or only by hand) is refreshed once a day too.
 */
export async function refreshDeviceAttention(organizationIds: string[]) {
  let changed = 0;
  for (const organizationId of organizationIds) {
    changed += await db.transaction(async (tx) => {
      await holdOrganizationDevices(tx, organizationId);
      return recomputeDeviceAttention(tx, organizationId);
    });
  }
  return changed;
}
