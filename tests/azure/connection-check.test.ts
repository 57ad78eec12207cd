import { describe, expect, it } from "vitest";
import { checkEntraConnection } from "@/lib/azure";
import { CONTOSO } from "@/tests/fake-entra/default-tenants";
import {
  appWithExpiredSecret,
  appWithoutConsent,
  appWithoutDevices,
  goodApp,
  graphOptions,
  secretSettings,
  useFakeTenant,
} from "./fake-tenant-harness";

const fake = useFakeTenant({ users: 20, devices: 10 });

describe("Test connection", () => {
  it("a well set-up app gets a token, has both permissions and reads a user and a device", async () => {
    const report = await checkEntraConnection(goodApp(), graphOptions(fake()));
    expect(report).toMatchObject({
      ok: true,
      token: { status: "ok" },
      permissions: [
        { permission: "User.Read.All", status: "granted" },
        { permission: "Device.Read.All", status: "granted" },
      ],
      intune: { permission: "DeviceManagementManagedDevices.Read.All", status: "granted" },
      readUser: { status: "ok" },
      readDevice: { status: "ok" },
    });
    expect(report.summary).toMatch(/^Connected/);
  });

  it("an app without Device.Read.All is told exactly that, with the admin-consent link", async () => {
    const report = await checkEntraConnection(appWithoutDevices(), graphOptions(fake()));
    const consentUrl = `${fake().url}/${CONTOSO.tenantId}/adminconsent?client_id=${CONTOSO.appWithoutDevices.clientId}`;
    expect(report.ok).toBe(false);
    expect(report.permissions).toEqual([
      { permission: "User.Read.All", status: "granted" },
      { permission: "Device.Read.All", status: "missing" },
    ]);
    expect(report.readUser.status).toBe("ok");
    expect(report.readDevice).toMatchObject({ status: "failed", error: { code: "permission_missing" } });
    expect(report.consentUrl).toBe(consentUrl);
    expect(report.summary).toContain("Device.Read.All");
    expect(report.summary).not.toContain("User.Read.All");
    expect(report.summary).toContain(consentUrl);
    // The optional Intune permission is not granted either: reported, never the reason the test fails.
    expect(report.intune.status).toBe("not_granted");
    expect(report.summary).not.toContain("DeviceManagementManagedDevices");
  });

  it("an app without admin consent misses both permissions, and following the consent link fixes it", async () => {
    const before = await checkEntraConnection(appWithoutConsent(), graphOptions(fake()));
    expect(before.permissions.map((p) => p.status)).toEqual(["missing", "missing"]);
    expect(before.summary).toContain("User.Read.All and Device.Read.All");

    const consent = await fetch(before.consentUrl);
    expect(consent.status).toBe(200);

    const after = await checkEntraConnection(appWithoutConsent(), graphOptions(fake()));
    expect(after.ok).toBe(true);
  });

  it("a wrong secret stops at the token, and nothing else is tried", async () => {
    const report = await checkEntraConnection(
      secretSettings(CONTOSO.goodApp.clientId, CONTOSO.goodApp.secretId),
      graphOptions(fake()),
    );
    expect(report).toMatchObject({
      ok: false,
      token: { status: "failed", error: { code: "wrong_secret" } },
      permissions: [{ status: "unknown" }, { status: "unknown" }],
      readUser: { status: "skipped" },
      readDevice: { status: "skipped" },
    });
    expect(report.summary).toMatch(/secret's ID is often pasted instead of its Value/);
  });

  it("an expired secret has its own message", async () => {
    const report = await checkEntraConnection(appWithExpiredSecret(), graphOptions(fake()));
    expect(report.token).toMatchObject({ status: "failed", error: { code: "secret_expired" } });
    expect(report.summary).toMatch(/has expired/);
  });
});
