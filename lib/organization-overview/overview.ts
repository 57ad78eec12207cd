import "server-only";
import type { IntervalFrequency } from "@/lib/connections";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { dueAt, firstMinuteFrom, firstTickFrom, intervalMs } from "@/lib/sync-runs/schedule";
import { syncReadiness } from "@/lib/connections";
import { findProviderApp, credentialOf, type SecretExpiry } from "@/lib/credentials";
import { readOverviewRows, type OverviewRow } from "./overview-rows";

export const organizationStatuses = {
  not_set_up: "Not set up",
  waiting_for_consent: "Waiting for consent",
  enabled: "Enabled",
  disabled: "Disabled",
  failing: "Failing",
} as const;

type OrganizationStatus = keyof typeof organizationStatuses;

type LastSync = { status: NonNullable<OverviewRow["users_status"]>; at: Date } | null;

export type OrganizationOverview = {
  id: string;
  connectionId: string | null;
  name: string;
  primaryDomain: string | null;
  tenantId: string | null;
  method: OverviewRow["method"];
  status: OrganizationStatus;
  clients: number;
  devices: number;
  devicesNeedingAttention: number;
  lastUsersSync: LastSync;
  lastDevicesSync: LastSync;
  nextSync: Date | null;
  expiry: SecretExpiry;
  openAlerts: number;
};

function statusOf(row: OverviewRow): OrganizationStatus {
  const facts = row.connection_id
    ? {
        method: row.method ?? "own_app",
        clientId: row.client_id,
        tenantId: row.tenant_id,
        enabled: Boolean(row.enabled),
        hasOwnCredential: row.has_secret || row.has_certificate,
      }
    : null;
  const readiness = syncReadiness(facts);
  if (readiness !== "ready") return readiness;
  return row.open_alerts > 0 || row.users_status === "failed" || row.devices_status === "failed"
    ? "failing"
    : "enabled";
}

/** The same due times the schedule tick uses (lib/sync-runs/schedule.ts): the first tick at which a sync falls due. */
function nextSyncOf(row: OverviewRow, status: OrganizationStatus, now: Date) {
  if ((status !== "enabled" && status !== "failing") || !row.sync_frequency || row.sync_frequency === "manual")
    return null;
  // Continuously: within the minute, every minute.
  if (row.sync_frequency === "continuous") return firstMinuteFrom(now);
  const interval = intervalMs(row.sync_frequency as IntervalFrequency);
  const soonest = [dueAt(row.users_queued_at, interval, now), dueAt(row.devices_queued_at, interval, now)].reduce(
    (a, b) => (a < b ? a : b),
  );
  return firstTickFrom(soonest < now ? now : soonest);
}

const lastSync = (status: OverviewRow["users_status"], queuedAt: Date | null, finishedAt: Date | null): LastSync =>
  status && queuedAt ? { status, at: finishedAt ?? queuedAt } : null;

/** Every organization as Settings → Organizations lists it: one set-based read, then plain code per row. */
export async function organizationsOverview(actor: Actor, now = new Date()): Promise<OrganizationOverview[]> {
  authorize(actor, "superuser");
  return readOrganizationsOverview(now);
}

/** The same, for the operator's command line (`npm run sync -- --list`), which holds the database itself and has no staff member. */
export async function readOrganizationsOverview(now = new Date()): Promise<OrganizationOverview[]> {
  const [rows, provider] = await Promise.all([readOverviewRows(), findProviderApp()]);
  return rows.map((row) => {
    const status = statusOf(row);
    // Only whether a credential is stored matters for its expiry: the ciphertext is never read here.
    const stored = {
      clientSecretCiphertext: row.has_secret ? "stored" : null,
      clientSecretExpiresOn: row.client_secret_expires_on,
      certificateKeyCiphertext: row.has_certificate ? "stored" : null,
      certificateExpiresOn: row.certificate_expires_on,
    };
    return {
      id: row.id,
      connectionId: row.connection_id,
      name: row.name,
      primaryDomain: row.primary_domain,
      tenantId: row.method === "provider_app" && !row.client_id ? null : row.tenant_id,
      method: row.method,
      status,
      clients: row.clients,
      devices: row.devices,
      devicesNeedingAttention: row.devices_needing_attention,
      lastUsersSync: lastSync(row.users_status, row.users_queued_at, row.users_finished_at),
      lastDevicesSync: lastSync(row.devices_status, row.devices_queued_at, row.devices_finished_at),
      nextSync: nextSyncOf(row, status, now),
      expiry: credentialOf(row, { own: stored, providerApp: provider }, now).expiry,
      openAlerts: row.open_alerts,
    };
  });
}
