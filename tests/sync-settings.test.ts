import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/db/client";
import { auditEvents, credentials, entraConnections, syncRuns } from "@/db/schema";
import { FieldError } from "@/lib/auth/field-error";
import {
  saveSyncSchedule,
  saveSyncSettings,
  syncSettingsForm,
  getSyncSettings,
  testSavedConnection,
} from "@/lib/connections";
import { secretExpiry, secretExpiryMessage } from "@/lib/credentials";
import { requestSync } from "@/lib/sync-runs/request-sync";
import { createActor, resetDatabase, soleOrganizationId } from "./support/database";

beforeEach(resetDatabase);
afterAll(closeDatabase);

const secret = "Abc8Q~Zx9yW8vU7tS6rQ5pO4nM3lK2jI1hG0fE9d";
const valid = {
  status: "enabled",
  syncFrequency: "daily",
  clientId: "11111111-2222-4333-8444-555555555555",
  tenantId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
  clientSecret: secret,
  clientSecretExpiresOn: "",
  syncExternalUsers: "no",
  inviteToPortal: "yes",
};
const now = new Date("2026-11-26T12:00:00Z");

async function save(input: Record<string, string>, actor?: Awaited<ReturnType<typeof createActor>>) {
  const parsed = syncSettingsForm.safeParse({ organizationId: await soleOrganizationId(), ...input });
  if (!parsed.success) return { fields: parsed.error.flatten().fieldErrors as Record<string, string[]> };
  try {
    return { message: await saveSyncSettings(actor ?? (await createActor("superuser")), parsed.data, now) };
  } catch (error) {
    if (error instanceof FieldError)
      return { fields: Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, [v]])) };
    throw error;
  }
}

const badInputs: [string, Record<string, string>, string, RegExp][] = [
  ["no status", { status: "" }, "status", /Enabled or Disabled/],
  ["an unknown status", { status: "on" }, "status", /Enabled or Disabled/],
  ["an unknown frequency", { syncFrequency: "every_minute" }, "syncFrequency", /sync frequency/],
  ["an empty client ID", { clientId: "   " }, "clientId", /Enter the Application \(client\) ID/],
  ["a client ID that is not a GUID", { clientId: "12345" }, "clientId", /is a GUID/],
  ["a client ID with a typo", { clientId: "11111111-2222-4333-8444-55555555555g" }, "clientId", /is a GUID/],
  [
    "a tenant domain in the client ID",
    { clientId: "contoso.onmicrosoft.com" },
    "clientId",
    /belongs in Directory \(tenant\) ID/,
  ],
  ["a URL in the client ID", { clientId: "https://entra.microsoft.com/#view/x" }, "clientId", /not a web address/],
  ["an empty tenant ID", { tenantId: "" }, "tenantId", /Enter the Directory \(tenant\) ID/],
  ["a tenant ID that is neither GUID nor domain", { tenantId: "contoso" }, "tenantId", /GUID, or a domain/],
  [
    "a URL in the tenant ID",
    { tenantId: "https://login.microsoftonline.com/contoso.onmicrosoft.com" },
    "tenantId",
    /not a web address/,
  ],
  ["the same ID twice", { tenantId: "11111111-2222-4333-8444-555555555555" }, "clientId", /two different values/],
  [
    "the secret's ID instead of its Value",
    { clientSecret: "9f8e7d6c-5b4a-4321-8fed-cba987654321" },
    "clientSecret",
    /secret's ID, not its Value/,
  ],
  [
    "the client ID pasted as the secret",
    { clientSecret: "11111111-2222-4333-8444-555555555555" },
    "clientSecret",
    /Application \(client\) ID, not the Client secret/,
  ],
  [
    "the tenant ID pasted as the secret",
    { clientSecret: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee" },
    "clientSecret",
    /Directory \(tenant\) ID, not the Client secret/,
  ],
  [
    "a secret with a space inside",
    { clientSecret: "Abc8Q~Zx9yW8 vU7tS6rQ5pO4nM3lK2jI1hG0f" },
    "clientSecret",
    /no spaces/,
  ],
  ["a secret too short to be one", { clientSecret: "hunter2" }, "clientSecret", /too short/],
  ["a secret too long to be one", { clientSecret: "x".repeat(300) }, "clientSecret", /too long/],
  ["enabling with no secret", { clientSecret: "" }, "clientSecret", /Enter the Client secret to enable/],
  [
    "an expiry date in another format",
    { clientSecretExpiresOn: "31/05/2027" },
    "clientSecretExpiresOn",
    /like 2027-05-31/,
  ],
  [
    "an expiry date that does not exist",
    { clientSecretExpiresOn: "2027-02-30" },
    "clientSecretExpiresOn",
    /does not exist/,
  ],
  [
    "an expiry more than 24 months away",
    { clientSecretExpiresOn: "2029-01-01" },
    "clientSecretExpiresOn",
    /at most 24 months/,
  ],
  [
    "a new secret that has already expired",
    { clientSecretExpiresOn: "2026-01-01" },
    "clientSecretExpiresOn",
    /has passed/,
  ],
  ["a yes/no that is neither", { syncExternalUsers: "maybe" }, "syncExternalUsers", /Yes or No/],
  ["a missing portal choice", { inviteToPortal: "" }, "inviteToPortal", /Yes or No/],
];

describe("the Azure User Sync form refuses bad input with a message at the field, and saves nothing", () => {
  it.each(badInputs)("%s", async (_name, change, field, message) => {
    const result = await save({ ...valid, ...change });
    expect(result.fields?.[field]?.join(" ")).toMatch(message);
    expect(await db.select().from(credentials)).toEqual([]);
    expect(await db.select().from(auditEvents)).toHaveLength(0);
  });

  it("hints that IDs look swapped when they trade places with the saved ones", async () => {
    const admin = await createActor("superuser");
    await save(valid, admin);
    const result = await save(
      { ...valid, clientSecret: "", clientId: valid.tenantId, tenantId: valid.clientId },
      admin,
    );
    expect(result.fields?.clientId?.[0]).toMatch(/look swapped/);
    const [row] = await db.select().from(entraConnections);
    expect(row.clientId).toBe(valid.clientId);
  });
});

describe("saving the settings", () => {
  it("trims input, stores the secret encrypted, and shows only its last four characters", async () => {
    const admin = await createActor("superuser");
    expect(
      await save({ ...valid, clientId: `  ${valid.clientId}  `, tenantId: " contoso.onmicrosoft.com " }, admin),
    ).toEqual({ message: "Changes saved." });
    const [row] = await db.select().from(entraConnections);
    expect(row.clientId).toBe(valid.clientId);
    expect(row.tenantId).toBe("contoso.onmicrosoft.com");
    const [credential] = await db.select().from(credentials);
    expect(credential.clientSecretCiphertext).not.toContain(secret);
    const view = await getSyncSettings(admin, await soleOrganizationId(), now);
    expect(view.secret).toMatchObject({ stored: true, lastFour: secret.slice(-4) });
    expect(JSON.stringify(view)).not.toContain(secret);
  });

  it("keeps the stored secret when the field is left empty, and records who changed what, never the value", async () => {
    const admin = await createActor("superuser", "Sam Admin");
    await save(valid, admin);
    await save({ ...valid, clientSecret: "", syncFrequency: "weekly" }, admin);
    await save({ ...valid, clientSecret: "Xyz8Q~another-secret-value-0123456789ab" }, admin);
    const [credential] = await db.select().from(credentials);
    expect(credential.clientSecretLastFour).toBe("89ab");
    const events = await db.select().from(auditEvents).orderBy(auditEvents.at);
    expect(events.map((e) => e.summary)).toEqual([
      expect.stringContaining("Status"),
      "Changed Sync frequency",
      "Changed Sync frequency, Client secret",
    ]);
    expect(events[1]).toMatchObject({
      actorName: "Sam Admin",
      changes: { "Sync frequency": { from: "Daily", to: "Weekly" } },
    });
    expect(events[2].changes).toMatchObject({ "Client secret": { from: "stored", to: "replaced" } });
    expect(JSON.stringify(events)).not.toContain("another-secret");
    expect(JSON.stringify(events)).not.toContain(secret);
  });

  it("saving the same values again changes nothing and records nothing", async () => {
    const admin = await createActor("superuser");
    await save(valid, admin);
    expect(await save({ ...valid, clientSecret: "" }, admin)).toEqual({ message: "No changes to save." });
    expect(await db.select().from(auditEvents)).toHaveLength(1);
  });

  it("the Microsoft Azure tab's schedule is the same setting as the form's Sync frequency", async () => {
    const admin = await createActor("superuser");
    await save(valid, admin);
    expect(await saveSyncSchedule(admin, await soleOrganizationId(), "every_4_hours")).toBe(
      "Schedule saved: Every 4 hours.",
    );
    expect((await getSyncSettings(admin, await soleOrganizationId())).syncFrequency).toBe("every_4_hours");
  });
});

describe("superusers only", () => {
  it("refuses a technician at every settings function and changes nothing", async () => {
    const technician = await createActor("technician");
    const form = syncSettingsForm.parse({ ...valid, organizationId: await soleOrganizationId() });
    await expect(saveSyncSettings(technician, form)).rejects.toThrow("Only a superuser can do this.");
    await expect(saveSyncSchedule(technician, await soleOrganizationId(), "hourly")).rejects.toThrow(
      "Only a superuser can do this.",
    );
    await expect(getSyncSettings(technician, await soleOrganizationId())).rejects.toThrow(
      "Only a superuser can do this.",
    );
    await expect(requestSync(technician, "users", { organizationId: await soleOrganizationId() })).rejects.toThrow(
      "Only a superuser can do this.",
    );
    await expect(testSavedConnection(technician, await soleOrganizationId())).rejects.toThrow(
      "Only a superuser can do this.",
    );
    expect(await db.select().from(entraConnections)).toHaveLength(0);
    expect(await db.select().from(auditEvents)).toHaveLength(0);
  });
});

describe("before Azure User Sync is set up", () => {
  it("a sync and Test connection are both refused with the same words, and nothing is queued", async () => {
    const superuser = await createActor("superuser");
    const notSetUp =
      "Azure User Sync is not set up yet: enter the IDs and the Client secret or certificate in Settings → Azure User Sync, then Save Changes.";
    await expect(requestSync(superuser, "users", { organizationId: await soleOrganizationId() })).rejects.toThrow(
      notSetUp,
    );
    await expect(testSavedConnection(superuser, await soleOrganizationId())).rejects.toThrow(notSetUp);
    expect(await db.$count(syncRuns)).toBe(0);
    expect((await getSyncSettings(superuser, await soleOrganizationId())).readiness).toBe("not_set_up");
  });
});

describe("the secret's expiry date", () => {
  it("warns from 30 days before, and says syncs fail after it", () => {
    expect(secretExpiry("2027-01-31", now)).toMatchObject({ state: "ok" });
    expect(secretExpiryMessage(secretExpiry("2026-12-26", now))).toBe(
      "The client secret expires in 30 days (2026-12-26). Create a new one in Certificates & secrets (guide step 3) and enter it under Azure User Sync.",
    );
    expect(secretExpiryMessage(secretExpiry("2026-11-26", now))).toMatch(/expires today/);
    expect(secretExpiryMessage(secretExpiry("2026-11-25", now))).toMatch(
      /expired on 2026-11-25 — syncs will fail until you add a new secret/,
    );
  });
});
