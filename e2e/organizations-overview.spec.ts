import { expect, test, type Page } from "@playwright/test";
import { checkPage } from "./support/check-page";
import { addStaff, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";

// Settings → Organizations with five organizations, one named in 120 characters: every column shows at a laptop's
// 1280 px with no sideways scroll, the page passes axe, and the status filter narrows the list, with JavaScript off too.
test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1280, height: 800 } });

const admin = { email: "sam@msp.example", password: "correct horse battery" };
const longName = "Northwind-Verylongdoublebarrelledtradersnamewithoutspaces".padEnd(120, "x");
const tenantIds = { long: "0b5d7c2e-4f1a-4e8b-9c3d-2a6f8e1b7d40", contoso: "7c1e2f4a-9b3d-4c5e-8f6a-1d2b3c4e5f60" };

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
  await sql`
    INSERT INTO organizations (name, primary_domain) VALUES
      (${longName}, 'northwind-traders-with-a-rather-long-primary-domain.example'), ('Contoso', 'contoso.example'),
      ('Tailspin Toys', NULL), ('Woodgrove Bank', 'woodgrovebank.example'), ('Fabrikam', NULL)`;
  // Northwind fails its device sync and its secret expires in 10 days; Contoso is well; two wait for consent; Fabrikam is not set up.
  await sql`
    WITH v (name, method, client_id, tenant_id, secret, days) AS (VALUES
      (${longName}, 'own_app', '11111111-2222-4333-8444-555555555555', ${tenantIds.long}, 'v1.stored', 10),
      ('Contoso', 'own_app', '66666666-7777-4888-9999-000000000000', ${tenantIds.contoso}, 'v1.stored', 400),
      ('Tailspin Toys', 'provider_app', NULL, NULL, NULL, NULL),
      ('Woodgrove Bank', 'provider_app', NULL, NULL, NULL, NULL)
    ), made AS (
      INSERT INTO entra_connections (organization_id, name, method, enabled, sync_frequency, client_id, tenant_id)
      SELECT o.id, 'Microsoft Entra tenant', v.method::connection_method, true, 'daily', v.client_id, v.tenant_id
      FROM organizations o JOIN v ON v.name = o.name
      RETURNING id, organization_id
    )
    INSERT INTO credentials (connection_id, client_secret_ciphertext, client_secret_expires_on)
    SELECT made.id, v.secret, current_date + v.days::int
    FROM made JOIN organizations o ON o.id = made.organization_id JOIN v ON v.name = o.name
    WHERE v.secret IS NOT NULL`;
  await sql`
    INSERT INTO sync_runs (connection_id, kind, trigger, status, queued_at, started_at, finished_at)
    SELECT c.id, k.kind::sync_kind, 'scheduled', (CASE WHEN o.name = 'Contoso' OR k.kind = 'users' THEN 'succeeded' ELSE 'failed' END)::sync_run_status,
      now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours'
    FROM entra_connections c JOIN organizations o ON o.id = c.organization_id CROSS JOIN (VALUES ('users'), ('devices')) k(kind)
    WHERE c.method = 'own_app'`;
});

const rowsOf = (page: Page) => page.getByTestId("organization-row");

test("at 1280 px every column shows without a sideways scroll, the tenant ID shortened and copied whole, and axe passes", async ({
  page,
  context,
}) => {
  await signIn(page, admin.email, admin.password);
  await checkPage(page, "/settings/organizations");
  await page.screenshot({ path: "/tmp/ov/overview-1280.png", fullPage: true });
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  for (const heading of [
    "Organization",
    "Tenant",
    "Connection",
    "Status",
    "Clients",
    "Devices",
    "Users sync",
    "Devices sync",
    "Next sync",
    "Expires",
    "Alerts",
  ]) {
    const box = await page.getByRole("columnheader", { name: new RegExp(`^${heading}( [▲▼])?$`) }).boundingBox();
    expect(box && box.x + box.width, heading).toBeLessThanOrEqual(widths.client);
  }
  await expect(page.getByTestId("result-count")).toHaveText("5 organizations");

  const contoso = rowsOf(page).filter({ hasText: "Contoso" });
  await expect(contoso.getByText("7c1e2f4a…")).toHaveAttribute("title", tenantIds.contoso);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await contoso.getByRole("button", { name: "Copy the tenant ID of Contoso" }).click();
  await expect(contoso.getByRole("status")).toHaveText("Tenant ID copied.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(tenantIds.contoso);
});

test("at 390 px the page does not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/organizations");
  await page.screenshot({ path: "/tmp/ov/overview-390.png", fullPage: true });
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  expect(widths.scroll).toBeLessThanOrEqual(widths.client);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "with JavaScript off", () => {
    test.use({ javaScriptEnabled });

    test("the status filter shows only those organizations, keeps the sort, and counts them", async ({ page }) => {
      await signIn(page, admin.email, admin.password);
      await page.goto("/settings/organizations?sort=name&dir=desc");
      const filter = page.getByRole("navigation", { name: "Filter by status" });
      await filter.getByRole("link", { name: "Waiting for consent" }).click();
      await expect(page).toHaveURL(/sort=name&dir=desc&status=waiting_for_consent$/);
      await expect(filter.getByRole("link", { name: "Waiting for consent" })).toHaveAttribute("aria-current", "page");
      await expect(page.getByTestId("result-count")).toHaveText("2 of 5 organizations · Waiting for consent");
      await expect(rowsOf(page).getByTestId("organization-status")).toHaveText([
        "Waiting for consent",
        "Waiting for consent",
      ]);
      await expect(rowsOf(page).getByRole("link")).toHaveText(["Woodgrove Bank", "Tailspin Toys"]);

      // Sorting keeps the filter.
      await page.getByRole("link", { name: /^Organization( [▲▼])?$/ }).click();
      await expect(page).toHaveURL(/sort=name&dir=asc&status=waiting_for_consent$/);
      await expect(rowsOf(page).getByRole("link")).toHaveText(["Tailspin Toys", "Woodgrove Bank"]);

      await filter.getByRole("link", { name: "Failing" }).click();
      await expect(page.getByTestId("result-count")).toHaveText("1 of 5 organizations · Failing");
      await expect(rowsOf(page)).toHaveCount(1);
      await expect(rowsOf(page).first()).toContainText(longName);
      await filter.getByRole("link", { name: "Secret expiring" }).click();
      await expect(rowsOf(page).getByRole("link")).toHaveText([longName]);
      await expect(rowsOf(page).first().getByTestId("tenant-id")).toHaveText(tenantIds.long);
      if (!javaScriptEnabled) await expect(page.getByRole("button", { name: /Copy the tenant ID/ })).toHaveCount(0);
      await filter.getByRole("link", { name: "All" }).click();
      await expect(page.getByTestId("result-count")).toHaveText("5 organizations");
    });
  });
}
