// Test connection keeps its last result with its time, so the Microsoft Azure tab shows it until the next test.
import { describe, expect, it } from "vitest";
import { getSyncSettings, testSavedConnection } from "@/lib/connections";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import { soleOrganizationId, theConnection } from "../support/database";
import { saveSettings, useSyncWorld } from "../sync/sync-harness";

const world = useSyncWorld({});

describe("the last Test connection", () => {
  it("is kept with its time and shown with the settings, each check in words", async () => {
    const organizationId = await soleOrganizationId();
    expect((await getSyncSettings(world.admin, organizationId)).lastTest).toBeNull();
    const at = new Date("2026-12-07T05:00:00Z");
    await testSavedConnection(world.admin, organizationId, at);
    const { lastTest } = await getSyncSettings(world.admin, organizationId);
    expect(lastTest).toMatchObject({ ok: true, at });
    expect(lastTest!.summary).toMatch(/^Connected: a token was obtained/);
    expect(lastTest!.checks.map((check) => check.label)).toEqual(
      expect.arrayContaining([
        "Token obtained",
        "User.Read.All: granted",
        "DeviceManagementManagedDevices.Read.All (optional): granted",
        "Read one device: done",
      ]),
    );
    expect(lastTest!.consentUrl).toBeUndefined();
  });

  it("a later failing test replaces it, with the consent link for the missing permission and no secret", async () => {
    const organizationId = await soleOrganizationId();
    await testSavedConnection(world.admin, organizationId, new Date("2026-12-07T05:00:00Z"));
    await saveSettings(world.admin, {
      clientId: CONTOSO.appWithoutDevices.clientId,
      secret: CONTOSO.appWithoutDevices.secret,
    });
    const later = new Date("2026-12-07T05:10:00Z");
    await testSavedConnection(world.admin, organizationId, later);
    const { lastTest } = await getSyncSettings(world.admin, organizationId);
    expect(lastTest).toMatchObject({ ok: false, at: later });
    expect(lastTest!.checks).toContainEqual({ label: "Device.Read.All: missing", ok: false });
    expect(lastTest!.checks).toContainEqual({
      label: "DeviceManagementManagedDevices.Read.All (optional): not granted — Intune details are skipped",
      ok: null,
    });
    expect(lastTest!.consentUrl).toContain(`client_id=${CONTOSO.appWithoutDevices.clientId}`);

    await saveSettings(world.admin, { secret: "Zz9Q~thisIsNotTheRightSecretValue.1234" });
    await testSavedConnection(world.admin, organizationId, new Date("2026-12-07T05:20:00Z"));
    expect((await theConnection())!.lastTest).toMatchObject({ ok: false });
    const stored = JSON.stringify((await theConnection())!.lastTest);
    for (const secret of [CONTOSO.goodApp.secret, CONTOSO.appWithoutDevices.secret, "thisIsNotTheRightSecretValue"])
      expect(stored).not.toContain(secret);
  });
});
