import { expect, test } from "@playwright/test";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import type { FakeManagedDevice } from "../tests/fake-entra/managed-devices";
import { checkPage } from "./support/check-page";
import { addStaff, resetDatabase } from "./support/database";
import { fakeTenant } from "./support/fake-tenant";
import { signIn } from "./support/sign-in";
import { syncNow } from "./support/sync-now";

// Intune's managed devices through the app: Test connection names the optional permission, a devices sync brings
// Intune's details, a technician finds a laptop by the serial number on its sticker and sees whose it is.
test.describe.configure({ mode: "serial" });

const admin = { email: "sam@msp.example", password: "correct horse battery" };
const loaner = { deviceName: "LOANER-KIOSK-7", serialNumber: "SN-LOANER-0007", operatingSystem: "Windows" };
let intuneOnlyId: string | null = null;

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
  intuneOnlyId = (await fakeTenant<FakeManagedDevice>("addIntuneOnlyDevice", loaner)).id;
});
test.afterAll(async () => {
  if (intuneOnlyId) await fakeTenant("removeManagedDevice", { id: intuneOnlyId });
});

test("a devices sync brings Intune's details: found by serial number, shown on the device's page", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/azure");
  await page.getByLabel("Enabled", { exact: true }).check();
  await page.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await page.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  await page.locator("#clientSecret").fill(CONTOSO.goodApp.secret);
  await page
    .getByRole("form", { name: "Azure User Sync settings" })
    .getByRole("button", { name: "Save Changes" })
    .click();
  await expect(page.getByText("Changes saved.")).toBeVisible();

  await page.goto("/settings/azure/microsoft-azure");
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-report")).toContainText(
    "DeviceManagementManagedDevices.Read.All (optional): granted",
  );

  await syncNow(page, "users");
  await syncNow(page, "devices");

  // A managed device of an Entra device, with a primary user the users sync brought in, and a serial number no
  // other device has (the fake gives one serial number to two devices).
  const all = await fakeTenant<FakeManagedDevice[]>("managedDevices");
  const managed = all.find(
    (m) =>
      m.userDisplayName &&
      m.azureADDeviceId !== "00000000-0000-0000-0000-000000000000" &&
      all.filter((other) => other.serialNumber === m.serialNumber).length === 1,
  )!;
  await page.goto("/devices");
  await page.getByLabel("Search").fill(managed.serialNumber);
  await page.getByRole("button", { name: "Apply" }).click();
  const rows = page.locator("main tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(`Serial number ${managed.serialNumber}`);
  await rows.first().getByRole("link", { name: managed.deviceName }).click();

  const intune = page.getByTestId("intune-details");
  await expect(intune).toContainText(managed.serialNumber);
  await expect(intune).toContainText("Last Intune check-in");
  await expect(intune).toContainText(managed.managementAgent === "mdm" ? "MDM" : "Configuration Manager and MDM");
  await expect(intune).toContainText(managed.isEncrypted ? "Yes" : "No");
  await checkPage(page, page.url().replace(/^https?:\/\/[^/]+/, ""));
  await intune.getByRole("link", { name: managed.userDisplayName! }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(managed.userDisplayName!);

  // A device only Intune has: in the list, marked Intune, found by its serial number.
  await page.goto(`/devices?q=${loaner.serialNumber}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Intune");
  await rows.first().getByRole("link", { name: loaner.deviceName }).click();
  const source = page.locator("dt", { hasText: /^Source$/ }).locator("xpath=following-sibling::dd");
  await expect(source).toHaveText("Intune");
  await expect(page.getByTestId("intune-details")).toContainText(loaner.serialNumber);
  await checkPage(page, "/devices");
});
