// The benchmark's world: a fake Entra tenant served from the parent process, the connection saved as an
// administrator would save it, and what the benchmark does to both between measurements.
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { SyncKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/authorize";
import { saveSyncSettings, syncSettingsForm } from "@/lib/connections";
import { caFileForNode } from "@/tests/fake-entra/certificates";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { startFakeEntra, type FakeEntra } from "@/tests/fake-entra/server";
import { createActor, soleOrganizationId } from "@/tests/support/database";

export const BENCH_PASSWORD = "a long enough password"; // what tests/support/database gives every actor

export type BenchTenant = { fake: FakeEntra; admin: Actor; childEnv: NodeJS.ProcessEnv };

/**
 * Starts a fake tenant of this size (Graph's delta page size left at the fake's default, 200) and saves
 * the connection with external users synced, so every user becomes a client.
 */
export async function startBenchTenant(size: { users: number; devices: number }, admin?: Actor): Promise<BenchTenant> {
  const fake = await startFakeEntra(size);
  const caFile = await caFileForNode();
  admin ??= await createActor("superuser", "Bench Admin");
  const form = syncSettingsForm.parse({
    organizationId: await soleOrganizationId(),
    status: "enabled",
    syncFrequency: "manual",
    clientId: CONTOSO.goodApp.clientId,
    tenantId: CONTOSO.tenantId,
    clientSecret: CONTOSO.goodApp.secret,
    clientSecretExpiresOn: "",
    syncExternalUsers: "yes",
    inviteToPortal: "no",
  });
  await saveSyncSettings(admin, form);
  const childEnv = {
    ...process.env,
    NODE_EXTRA_CA_CERTS: caFile,
    AZURE_AUTHORITY_HOST: fake.url,
    GRAPH_BASE_URL: fake.url,
  };
  return { fake, admin, childEnv };
}

/** Empties what syncs wrote, so the next full sync starts from an empty table, as the first one did. */
export async function forgetSyncedRecords(kinds: SyncKind[]) {
  const tables = kinds.map((kind) => (kind === "users" ? "clients" : "devices"));
  await db.execute(sql.raw(`TRUNCATE ${tables.join(", ")}, sync_runs, record_events CASCADE`));
  const links = kinds.map((kind) => (kind === "users" ? "users_delta_link = NULL" : "devices_delta_link = NULL"));
  await db.execute(sql.raw(`UPDATE entra_connections SET ${links.join(", ")}`));
  await db.execute(sql.raw(`VACUUM ANALYZE ${tables.join(", ")}`));
}

/** What the sync sees afterwards: 1,000 changes of the mix a working day brings. */
export function changeUsers(fake: FakeEntra, total: number, round: number) {
  const { control } = fake;
  const start = round * total; // each round touches other users, so every change is a real one
  const count = {
    updated: Math.round(total * 0.85),
    added: Math.round(total * 0.05),
    disabled: Math.round(total * 0.05),
  }; // disabled or enabled again
  const deleted = total - count.updated - count.added - count.disabled;
  let index = start;
  for (let i = 0; i < count.updated; i++) {
    control.updateUser({
      id: control.userIdAt({ index: index++ }),
      changes: { jobTitle: `Changed in round ${round}`, department: `Team ${i % 17}` },
    });
  }
  for (let i = 0; i < count.disabled; i++) {
    const id = control.userIdAt({ index: index++ });
    const enabled = (control.getUser({ id })!.value as { accountEnabled: boolean }).accountEnabled;
    (enabled ? control.disableUser : control.enableUser)({ id });
  }
  for (let i = 0; i < deleted; i++) control.softDeleteUser({ id: control.userIdAt({ index: index++ }) });
  for (let i = 0; i < count.added; i++) control.addUser({});
}

export function changeDevices(fake: FakeEntra, total: number, round: number) {
  const { control } = fake;
  for (let i = 0; i < total; i++) {
    const id = control.deviceIdAt({ index: round * total + i });
    control.updateDevice({ id, changes: { operatingSystemVersion: `10.0.2${round}100.${i}` } });
  }
}
