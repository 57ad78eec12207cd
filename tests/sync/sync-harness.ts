// A fake tenant, a configured connection, and the real Inngest functions run in-process with @inngest/test.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { clients, devices, syncRuns, type SyncKind } from "@/db/schema";
import { openGraphSession } from "@/lib/azure";
import { pagesOfDevices } from "@/lib/azure/devices";
import { forgetCachedTokenClients } from "@/lib/azure/token";
import { pagesOfUsers } from "@/lib/azure/users";
import { syncSettingsForm, saveSyncSettings } from "@/lib/connections";
import { isExternalUser } from "@/lib/synced-fields";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { syncUsers } from "@/inngest/sync-users";
import { syncDevices } from "@/inngest/sync-devices";
import { syncRequested, usersPreviewRequested } from "@/lib/job-engine/events";
import { previewUsers } from "@/inngest/preview-users";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { startFakeEntra, type FakeEntra, type FakeEntraOptions } from "@/tests/fake-entra/server";
import { assertFakeCertificateTrusted, goodApp } from "@/tests/azure/fake-tenant-harness";
import { createActor, resetDatabase, soleOrganizationId, theConnection } from "../support/database";
import type { Actor } from "@/lib/auth/authorize";

export type SyncWorld = { fake: FakeEntra; admin: Actor };

/** Starts a fake tenant per test file; each test starts from an empty database with the good app saved. */
export function useSyncWorld(options: FakeEntraOptions & { syncExternalUsers?: boolean }) {
  const world = {} as SyncWorld;
  beforeAll(async () => {
    assertFakeCertificateTrusted();
    // Pages of the size a test chose, whichever way the sync lists (delta, or the plain listing of a full sync).
    world.fake = await startFakeEntra({
      deltaPageSize: 500,
      ...options,
      listingPageSize: options.listingPageSize ?? options.deltaPageSize ?? 500,
    });
    process.env.AZURE_AUTHORITY_HOST = world.fake.url;
    process.env.GRAPH_BASE_URL = world.fake.url;
  });
  beforeEach(async () => {
    await resetDatabase();
    world.fake.control.clearFaults();
    world.admin = await createActor("superuser", "Sam Admin");
    await saveSettings(world.admin, { syncExternalUsers: options.syncExternalUsers ?? false });
  });
  afterAll(async () => {
    forgetCachedTokenClients();
    await world.fake?.close();
    await closeDatabase();
  });
  return world;
}

export async function saveSettings(
  admin: Actor,
  change: { syncExternalUsers?: boolean; clientId?: string; secret?: string; inviteToPortal?: boolean },
) {
  const form = syncSettingsForm.parse({
    organizationId: await soleOrganizationId(),
    status: "enabled",
    syncFrequency: "manual",
    clientId: change.clientId ?? CONTOSO.goodApp.clientId,
    tenantId: CONTOSO.tenantId,
    clientSecret: change.secret ?? CONTOSO.goodApp.secret,
    clientSecretExpiresOn: "",
    syncExternalUsers: change.syncExternalUsers ? "yes" : "no",
    inviteToPortal: change.inviteToPortal ? "yes" : "no",
  });
  await saveSyncSettings(admin, form);
}

/** Records a run as "Sync … now" (or "Preview") does, then delivers its event to the real function, in-process. */
export async function runSyncFunction(kind: SyncKind, { full = false, preview = false } = {}) {
  const connection = (await theConnection())!;
  const run = await createSyncRun({
    connectionId: connection.id,
    kind,
    trigger: "manual",
    full,
    preview,
    requestedByName: "Sam Admin",
  });
  if (!run) throw new Error("A run is already queued");
  const engine = new InngestTestEngine({
    function: preview ? previewUsers : kind === "users" ? syncUsers : syncDevices,
  });
  const execution = await engine.execute({
    events: [
      {
        name: preview ? usersPreviewRequested.name : syncRequested[kind].name,
        data: { runId: run.id, connectionId: connection.id, trigger: "manual", full, requestedBy: "Sam Admin" },
      },
    ],
  });
  const [recorded] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
  // What each step returned: Inngest stores these and shows them in its dashboard.
  const outputs = await Promise.all(
    Object.values(execution.state ?? {}).map((output) => output.catch((error) => String(error))),
  );
  return { run: recorded, error: execution.error, stepOutputs: JSON.stringify(outputs) };
}

export const clientsByObjectId = async () =>
  new Map((await db.select().from(clients)).map((c) => [c.entraObjectId!, c]));
/** The devices synced from Entra (not those only Intune has), by Entra object id. */
export const devicesByObjectId = async () => new Map((await entraDevices()).map((d) => [d.entraObjectId!, d]));
const entraDevices = async () => (await db.select().from(devices)).filter((d) => d.entraObjectId !== null);

/** The tenant's users as Graph's plain listing shows them: an independent path from the sync's delta. */
export async function listedUsers(fake: FakeEntra) {
  const users = [];
  for await (const page of pagesOfUsers(openGraphSession(goodApp(), { endpoints: fake.endpoints })))
    users.push(...page.items);
  return users;
}

/** The tenant's devices with their first registered owner, as Graph's plain listing shows them. */
export async function listedDevices(fake: FakeEntra) {
  const listed = [];
  for await (const page of pagesOfDevices(openGraphSession(goodApp(), { endpoints: fake.endpoints }), {
    includeOwners: true,
  }))
    listed.push(...page.items);
  return listed;
}

/** Vertask's clients equal the tenant's members exactly: each once, with Entra's name and status. */
export async function expectClientsEqualTheTenant(fake: FakeEntra) {
  const members = (await listedUsers(fake)).filter((u) => !isExternalUser(u.userType, u.userPrincipalName));
  const rows = await db.select().from(clients);
  expect(rows).toHaveLength(members.length);
  const byObjectId = new Map(rows.map((c) => [c.entraObjectId, c]));
  for (const user of members) {
    expect(byObjectId.get(user.id), user.id).toMatchObject({
      displayName: user.displayName,
      status: user.accountEnabled ? "active" : "disabled",
    });
  }
}

/** Vertask's devices equal the tenant's exactly: each once, with Entra's name and its owner. */
export async function expectDevicesEqualTheTenant(fake: FakeEntra) {
  const listed = await listedDevices(fake);
  const rows = await entraDevices();
  expect(rows).toHaveLength(listed.length);
  const byObjectId = new Map(rows.map((d) => [d.entraObjectId, d]));
  for (const device of listed) {
    expect(byObjectId.get(device.id), device.id).toMatchObject({
      displayName: device.displayName,
      ownerEntraObjectId: device.registeredOwners?.[0]?.id ?? null,
    });
  }
}
