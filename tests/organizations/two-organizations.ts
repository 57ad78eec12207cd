// Two organizations, Contoso and Fabrikam, each connected to its own fake tenant through its own app
// registration, and syncs of one connection run through the real Inngest functions, in-process.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { eq } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { syncRuns, type EntraConnection, type SyncKind } from "@/db/schema";
import { forgetCachedTokenClients } from "@/lib/azure/token";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { syncRequested } from "@/lib/job-engine/events";
import { syncUsers } from "@/inngest/sync-users";
import { syncDevices } from "@/inngest/sync-devices";
import { CONTOSO, FABRIKAM } from "@/tests/fake-entra/default-tenants";
import { startFakeEntra, type FakeEntra } from "@/tests/fake-entra/server";
import { assertFakeCertificateTrusted } from "@/tests/azure/fake-tenant-harness";
import { createActor, resetDatabase } from "../support/database";
import { connectOrganization } from "../support/organizations";
import type { Actor } from "@/lib/auth/authorize";

export type ConnectedOrganization = { organizationId: string; connection: EntraConnection; tenantId: string };
export type TwoOrganizations = {
  fake: FakeEntra;
  admin: Actor;
  contoso: ConnectedOrganization;
  fabrikam: ConnectedOrganization;
};

/** A users or devices sync of one connection, as "Sync … now" records it and the job engine runs it. */
export async function syncConnection(connectionId: string, kind: SyncKind, { full = false } = {}) {
  const run = await createSyncRun({ connectionId, kind, trigger: "manual", full, requestedByName: "Sam Admin" });
  if (!run) throw new Error(`A ${kind} run of ${connectionId} is already queued`);
  const engine = new InngestTestEngine({ function: kind === "users" ? syncUsers : syncDevices });
  const { error } = await engine.execute({
    events: [
      {
        name: syncRequested[kind].name,
        data: { runId: run.id, connectionId, trigger: "manual", full, requestedBy: "Sam Admin" },
      },
    ],
  });
  const [recorded] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
  if (error || recorded.status !== "succeeded")
    throw new Error(`The ${kind} sync ended ${recorded.status}: ${recorded.errorMessage ?? error}`);
  return recorded;
}

/** Both organizations connected and synced (users, then devices), from an empty database, before each test. */
export function useTwoOrganizations() {
  const world = {} as TwoOrganizations;
  beforeAll(async () => {
    assertFakeCertificateTrusted();
    world.fake = await startFakeEntra({ users: 40, devices: 20, deltaPageSize: 500, listingPageSize: 500 });
    process.env.AZURE_AUTHORITY_HOST = world.fake.url;
    process.env.GRAPH_BASE_URL = world.fake.url;
  });
  beforeEach(async () => {
    await resetDatabase();
    world.fake.control.clearFaults();
    world.admin = await createActor("superuser", "Sam Admin");
    world.contoso = { ...(await connectOrganization("Contoso", CONTOSO)), tenantId: CONTOSO.tenantId };
    world.fabrikam = { ...(await connectOrganization("Fabrikam", FABRIKAM)), tenantId: FABRIKAM.tenantId };
    for (const organization of [world.contoso, world.fabrikam]) {
      await syncConnection(organization.connection.id, "users");
      await syncConnection(organization.connection.id, "devices");
    }
  });
  afterAll(async () => {
    forgetCachedTokenClients();
    await world.fake?.close();
    await closeDatabase();
  });
  return world;
}
