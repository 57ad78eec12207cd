import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { addStaff, organizationId, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";

// Two customer organizations: the lists name each row's organization and filter on it; search and the CSV
// export stay within the filter; a client's and a device's page name it. With JavaScript off too.
test.describe.configure({ mode: "serial" });

const staff = { name: "Tia Tech", email: "tia@msp.example", password: "organizations are apart" };
const ids = { contoso: "", fabrikam: "" };

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff(staff.name, staff.email, staff.password, "technician");
  ids.contoso = await organizationId("Contoso");
  ids.fabrikam = await organizationId("Fabrikam");
  const people = [
    ["Ada Contoso", "ada@contoso.example", ids.contoso],
    ["Alan Contoso", "alan@contoso.example", ids.contoso],
    ["Ada Fabrikam", "ada@fabrikam.example", ids.fabrikam],
    ["Bea Fabrikam", "bea@fabrikam.example", ids.fabrikam],
    ["Cy Fabrikam", "cy@fabrikam.example", ids.fabrikam],
  ];
  for (const [name, mail, organization] of people) {
    await sql`INSERT INTO clients (organization_id, display_name, mail, source) VALUES (${organization}, ${name}, ${mail}, 'manual')`;
  }
  await sql`
    INSERT INTO devices (organization_id, display_name, operating_system, source, owner_client_id)
    SELECT c.organization_id, 'LAPTOP-' || upper(split_part(c.display_name, ' ', 1)), 'Windows', 'azure', c.id
    FROM clients c WHERE c.display_name IN ('Ada Contoso', 'Bea Fabrikam', 'Cy Fabrikam')`;
});

const rowsOf = (page: Page) => page.locator("tbody tr");

async function filterOn(page: Page, organization: string, search = "") {
  await page.getByLabel("Organization").selectOption({ label: organization });
  await page.getByLabel("Search").fill(search);
  await page.getByRole("button", { name: "Apply" }).click();
  // With JavaScript the list follows in place (no page load to wait for): wait until it shows the filters.
  const id = await page.getByLabel("Organization").inputValue();
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
    "href",
    new RegExp(search ? `\\?q=${search}&organization=${id}` : `\\?organization=${id}`),
  );
}

async function exportedLines(page: Page) {
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  return (await readFile(await download.path()))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "with JavaScript off", () => {
    test.use({ javaScriptEnabled });
    test.beforeEach(async ({ page }) => signIn(page, staff.email, staff.password));

    test("the client list names each client's organization and filters on it; search and export stay within it", async ({
      page,
    }) => {
      await expect(page.getByRole("columnheader", { name: "Organization" })).toBeVisible();
      await expect(rowsOf(page).filter({ hasText: "Ada Fabrikam" })).toContainText("Fabrikam");

      await filterOn(page, "Fabrikam");
      await expect(page.getByTestId("result-count")).toHaveText("1–3 of 3 clients");
      await expect(rowsOf(page).filter({ hasText: "Contoso" })).toHaveCount(0);

      await filterOn(page, "Contoso", "ada");
      await expect(rowsOf(page)).toHaveCount(1);
      await expect(rowsOf(page).first()).toContainText("Ada Contoso");
      await expect(page.getByLabel("Organization")).toHaveValue(ids.contoso);

      await filterOn(page, "Fabrikam");
      const lines = await exportedLines(page);
      expect(lines[0].split(",").at(-1)).toBe("Organization");
      expect(lines.slice(1).map((line) => [line.split(",")[0], line.split(",").at(-1)])).toEqual([
        ["Ada Fabrikam", "Fabrikam"],
        ["Bea Fabrikam", "Fabrikam"],
        ["Cy Fabrikam", "Fabrikam"],
      ]);

      await page.getByRole("link", { name: "Bea Fabrikam" }).click();
      await expect(page.locator("dd", { hasText: /^Fabrikam$/ })).toBeVisible();
      await page.getByRole("link", { name: "← Clients" }).click();
      await expect(page.getByTestId("result-count")).toHaveText("1–3 of 3 clients");
    });

    test("the device list filters on the organization, and a device's page names it", async ({ page }) => {
      await page.goto("/devices");
      await expect(page.getByRole("columnheader", { name: "Organization" })).toBeVisible();
      await filterOn(page, "Fabrikam");
      await expect(rowsOf(page)).toHaveCount(2);
      await expect(rowsOf(page).filter({ hasText: "LAPTOP-ADA" })).toHaveCount(0);
      const lines = await exportedLines(page);
      expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(["LAPTOP-BEA", "LAPTOP-CY"]);
      await page.getByRole("link", { name: "LAPTOP-CY" }).click();
      await expect(page.locator("dd", { hasText: /^Fabrikam$/ })).toBeVisible();
    });
  });
}

test.describe("adding a client by hand with two organizations", () => {
  test.use({ javaScriptEnabled: false });
  test.beforeEach(async ({ page }) => signIn(page, staff.email, staff.password));

  test("asks for the organization, and the client is listed in the one chosen", async ({ page }) => {
    await page.goto("/clients/new");
    await page.getByLabel("Name").fill("Dee Added");
    await page.getByRole("button", { name: "Add client" }).click();
    await expect(page.locator("#organizationId-error")).toHaveText("Choose an organization.");

    await page.getByLabel("Organization").selectOption({ label: "Fabrikam" });
    await page.getByLabel("Name").fill("Dee Added");
    await page.getByRole("button", { name: "Add client" }).click();
    await expect(page.getByRole("status")).toContainText("Dee Added is added");
    const [row] = await sql`SELECT organization_id FROM clients WHERE display_name = 'Dee Added'`;
    expect(row.organization_id).toBe(ids.fabrikam);
  });
});

test.describe("pages with two organizations", () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test.beforeEach(async ({ page }) => signIn(page, staff.email, staff.password));

  test("keep to the window's width with a 120-character organization name, and pass axe", async ({ page }) => {
    const longName = "Contoso-Verylongdoublebarrelledorganizationnamewithoutspaces".padEnd(120, "x");
    await sql`UPDATE organizations SET name = ${longName} WHERE id = ${ids.contoso}`;
    try {
      const [client] = await sql`SELECT id FROM clients WHERE display_name = 'Ada Contoso'`;
      const [device] = await sql`SELECT id FROM devices WHERE display_name = 'LAPTOP-ADA'`;
      for (const path of [
        "/clients",
        "/devices",
        "/clients/new",
        "/clients/import",
        `/clients/${client.id}`,
        `/devices/${device.id}`,
      ]) {
        await page.goto(path);
        const widths = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          window: window.innerWidth,
        }));
        expect.soft(widths.page, `${path} is wider than the window`).toBeLessThanOrEqual(widths.window);
        const { violations } = await new AxeBuilder({ page })
          .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
          .analyze();
        const serious = violations
          .filter((v) => v.impact === "serious" || v.impact === "critical")
          .map((v) => `${v.id}: ${v.help}`);
        expect.soft(serious, path).toEqual([]);
      }
    } finally {
      await sql`UPDATE organizations SET name = 'Contoso' WHERE id = ${ids.contoso}`;
    }
  });
});
