import { expect, test, type Page } from "@playwright/test";
import { checkPage } from "./support/check-page";
import { addStaff, organizationId, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";

// The attention radar as a help desk meets it: a superuser sets when a device is stale (with JavaScript off too),
// the device list's "Needs attention" filter and column, and a device's page saying why; every page passes axe.
test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1280, height: 800 } });

const admin = { name: "Sam Admin", email: "sam@msp.example", password: "correct horse battery" };
let contoso = "";

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff(admin.name, admin.email, admin.password, "superuser");
  contoso = await organizationId("Contoso");
  await sql`INSERT INTO entra_connections (organization_id, name, intune_readable) VALUES (${contoso}, 'Contoso', true)`;
  await sql`INSERT INTO clients (organization_id, display_name, source, status) VALUES
    (${contoso}, 'Grace Gone', 'azure', 'disabled'), (${contoso}, 'Ada Active', 'azure', 'active')`;
  await sql`
    INSERT INTO devices (organization_id, connection_id, display_name, operating_system, trust_type, last_sign_in_at,
      serial_number, intune_device_id, is_encrypted, owner_client_id, source)
    SELECT ${contoso}, c.id, v.name, 'Windows', 'Workplace', now() - make_interval(days => v.days), v.serial,
      v.intune, v.encrypted, (SELECT id FROM clients WHERE display_name = v.owner), 'azure'
    FROM entra_connections c, (VALUES
      ('LAPTOP-OLD', 132, NULL, NULL, NULL, 'Grace Gone'),
      ('LAPTOP-TWIN-A', 2, 'PF3X9K', 'intune-a', false, 'Ada Active'),
      ('LAPTOP-TWIN-B', 3, 'PF3X9K', 'intune-b', true, 'Ada Active'),
      ('LAPTOP-FINE', 1, 'PF7Q2Z', 'intune-c', true, 'Ada Active')
    ) AS v (name, days, serial, intune, encrypted, owner)`;
});

async function saveStaleDays(page: Page, days: string) {
  await page.goto(`/settings/organizations/${contoso}`);
  const form = page.getByRole("form", { name: "Devices that need attention" });
  await form.getByLabel("Days without a sign-in").fill(days);
  await form.getByRole("button", { name: "Save Changes" }).click();
  return form;
}

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("a superuser sets when a device is stale; the reasons are worked out again at once", async ({ page }) => {
    await signIn(page, admin.email, admin.password);
    let form = await saveStaleDays(page, "0");
    await expect(form.getByText("Enter at least 1 day without a sign-in.")).toBeVisible();
    form = await saveStaleDays(page, "100");
    await expect(form.getByRole("status")).toHaveText("Changes saved. 3 devices need attention.");
    await page.goto("/devices?attention=stale");
    await expect(page.locator("tbody tr")).toHaveCount(1);
    await expect(page.locator("tbody tr").first()).toContainText("LAPTOP-OLD");
    await saveStaleDays(page, "150");
    await page.goto("/devices?attention=stale");
    await expect(page.locator("tbody tr")).toHaveCount(0);
    await saveStaleDays(page, "90");
  });
});

test.describe("with JavaScript", () => {
  test.beforeEach(async ({ page }) => signIn(page, admin.email, admin.password));

  test("the device list filters on Needs attention and names each device's reasons", async ({ page }) => {
    await checkPage(page, "/devices");
    await expect(page.getByRole("columnheader", { name: "Needs attention" })).toBeVisible();
    await page.getByLabel("Needs attention").selectOption({ label: "Needs attention" });
    await expect(page).toHaveURL(/attention=any/);
    const rows = page.locator("tbody tr");
    await expect(rows).toHaveCount(3);
    await expect(rows.filter({ hasText: "LAPTOP-OLD" })).toContainText("Stale, Owner gone");
    await expect(rows.filter({ hasText: "LAPTOP-TWIN-A" })).toContainText("Not encrypted, Same serial twice");
    await expect(rows.filter({ hasText: "LAPTOP-TWIN-B" })).toContainText("Same serial twice");
    await expect(rows.filter({ hasText: "LAPTOP-FINE" })).toHaveCount(0);
    await checkPage(page, "/devices?attention=any");

    await page.getByLabel("Needs attention").selectOption({ label: "Owner gone" });
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("LAPTOP-OLD");
  });

  test("a device's page says why it needs attention, with the figures", async ({ page }) => {
    await page.goto("/devices?attention=any");
    await page.getByRole("link", { name: "LAPTOP-OLD" }).click();
    const panel = page.getByRole("region", { name: "Needs attention" });
    await expect(panel).toContainText("No sign-in for 132 days (the limit is 90).");
    await expect(panel).toContainText("Its owner, Grace Gone, is disabled.");
    await checkPage(page, new URL(page.url()).pathname);

    await page.goto("/devices?q=TWIN-A");
    await page.getByRole("link", { name: "LAPTOP-TWIN-A" }).click();
    await expect(page.getByRole("region", { name: "Needs attention" })).toContainText(
      "Serial number PF3X9K is also on LAPTOP-TWIN-B.",
    );

    await page.goto("/devices?q=FINE");
    await page.getByRole("link", { name: "LAPTOP-FINE" }).click();
    await expect(page.getByRole("heading", { name: "LAPTOP-FINE" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Needs attention" })).toHaveCount(0);
  });

  test("the organization's thresholds and the overview's count of devices that need attention, linked to them", async ({
    page,
  }) => {
    await checkPage(page, `/settings/organizations/${contoso}`);
    await checkPage(page, "/settings/organizations");
    await page.getByRole("link", { name: "3 need attention" }).click();
    await expect(page).toHaveURL(new RegExp(`/devices\\?organization=${contoso}&attention=any`));
    await expect(page.locator("tbody tr")).toHaveCount(3);
  });
});
