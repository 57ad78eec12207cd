// Organizations against the fake: the provider's app entered, organizations added and connected through the real
// code paths, and the real sync functions run in-process for one organization's connection.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { eq, sql } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { entraConnections, syncRuns, type SyncKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/authorize";
import { forgetCachedTokenClients } from "@/lib/azure/token";
import { addOrganization } from "@/lib/organizations/commands";
import { organizationForm } from "@/lib/organizations/form-schema";
import { createSyncRun } from "@/lib/sync-runs/create-run";
import { saveSyncSettings, syncSettingsForm } from "@/lib/connections";
import {
  createConsentLink,
  receiveConsentAnswer,
  saveProviderApp,
  confirmConsent,
  lastConsentAnswer,
} from "@/lib/consent";
import { providerAppForm } from "@/lib/credentials";
import { syncRequested } from "@/lib/job-engine/events";
import { syncDevices } from "@/inngest/sync-devices";
import { syncUsers } from "@/inngest/sync-users";
import { assertFakeCertificateTrusted } from "@/tests/azure/fake-tenant-harness";
import { answerConsentPage, openConsentPage } from "@/tests/fake-entra/consent-browser";
import { PROVIDER } from "@/tests/fake-entra/default-tenants";
import { startFakeEntra, type FakeEntra, type FakeEntraOptions } from "@/tests/fake-entra/server";
import { createActor } from "../support/database";

export type OrganizationWorld = { fake: FakeEntra; admin: Actor };

/** Starts the fake for the file (its provider app redirects to this APP_URL); each test starts with no organization. */
export function useOrganizationWorld(options: FakeEntraOptions = {}) {
  const world = {} as OrganizationWorld;
  beforeAll(async () => {
    assertFakeCertificateTrusted();
    world.fake = await startFakeEntra({ users: 30, devices: 10, ...options });
    process.env.AZURE_AUTHORITY_HOST = world.fake.url;
    process.env.GRAPH_BASE_URL = world.fake.url;
    process.env.APP_URL = new URL(PROVIDER.redirectUris[0]).origin;
  });
  beforeEach(async () => {
    await db.execute(sql`TRUNCATE organizations, provider_app, staff_users, sign_in_throttles, record_events CASCADE`);
    world.fake.control.clearFaults();
    world.admin = await createActor("superuser", "Sam Admin");
  });
  afterAll(async () => {
    // Other test files start from no organization and no provider app.
    await db.execute(sql`TRUNCATE organizations, provider_app, record_events CASCADE`);
    forgetCachedTokenClients();
    await world.fake?.close();
    await closeDatabase();
  });
  return world;
}

export const addOrganizationNamed = (admin: Actor, name: string, primaryDomain = "") =>
  addOrganization(admin, organizationForm.parse({ name, primaryDomain }));

export const enterProviderApp = (admin: Actor) =>
  saveProviderApp(
    admin,
    providerAppForm.parse({ clientId: PROVIDER.multiTenantApp.clientId, clientSecret: PROVIDER.multiTenantApp.secret }),
  );

const settingsForm = (organizationId: string, fields: Record<string, string>) =>
  syncSettingsForm.parse({
    organizationId,
    status: "disabled",
    syncFrequency: "manual",
    syncExternalUsers: "no",
    inviteToPortal: "no",
    ...fields,
  });

export const connectWithProviderApp = (admin: Actor, organizationId: string) =>
  saveSyncSettings(admin, settingsForm(organizationId, { connectWith: "provider_app" }));

export const connectWithOwnApp = (
  admin: Actor,
  organizationId: string,
  app: { tenantId: string; clientId: string; secret: string },
) =>
  saveSyncSettings(
    admin,
    settingsForm(organizationId, {
      status: "enabled",
      tenantId: app.tenantId,
      clientId: app.clientId,
      clientSecret: app.secret,
    }),
  );

/** Follows the link Vertask made through the fake's consent page, as the administrator's browser would, and back. */
export async function answerConsent(
  admin: Actor,
  organizationId: string,
  decision: "accept" | "cancel",
  tenant: string,
) {
  const { url } = await createConsentLink(admin, organizationId);
  const answer = await answerConsentPage(await openConsentPage(url), decision, { tenant });
  if (!answer.location) throw new Error(`The consent page sent no redirect (${answer.status}): ${answer.html}`);
  const returned = Object.fromEntries(new URL(answer.location).searchParams);
  return { url, returned, result: await receiveConsentAnswer(returned) };
}

/** A superuser confirms the answer that waited for it (no tenant was known when the link was made). */
export async function confirmWaitingAnswer(admin: Actor, organizationId: string) {
  const answer = await lastConsentAnswer(admin, organizationId);
  if (answer?.outcome !== "awaiting_confirmation")
    throw new Error(`No answer waits for confirmation (${answer?.outcome ?? "none"})`);
  return confirmConsent(admin, organizationId, answer.requestId);
}

export async function connectionOf(organizationId: string) {
  const [connection] = await db
    .select()
    .from(entraConnections)
    .where(eq(entraConnections.organizationId, organizationId));
  return connection ?? null;
}

/** Records a run as "Sync … now" does for the organization's connection, then runs the real function in-process. */
export async function syncOrganization(organizationId: string, kind: SyncKind) {
  const connection = (await connectionOf(organizationId))!;
  const run = await createSyncRun({
    connectionId: connection.id,
    kind,
    trigger: "manual",
    requestedByName: "Sam Admin",
  });
  if (!run) throw new Error("A run is already queued");
  const engine = new InngestTestEngine({ function: kind === "users" ? syncUsers : syncDevices });
  const execution = await engine.execute({
    events: [
      {
        name: syncRequested[kind].name,
        data: { runId: run.id, connectionId: connection.id, trigger: "manual", full: false, requestedBy: "Sam Admin" },
      },
    ],
  });
  const [recorded] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
  return { run: recorded, error: execution.error };
}
