import { expect, test, type Page } from "@playwright/test";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { inngestStandIn } from "../playwright.config";
import { addStaff, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";
import { expectAxeClean } from "./support/check-page";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", "sam@msp.example", "correct horse battery", "superuser");
});

async function saveApp(page: Page, app: { clientId: string; secret: string }) {
  await page.goto("/settings/azure");
  await page.getByLabel("Enabled", { exact: true }).check();
  await page.getByLabel("Application (client) ID").fill(app.clientId);
  await page.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  await page.locator("#clientSecret").fill(app.secret);
  await page
    .getByRole("form", { name: "Azure User Sync settings" })
    .getByRole("button", { name: "Save Changes" })
    .click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
}

async function testConnection(page: Page) {
  await page.goto("/settings/azure/microsoft-azure");
  await page.getByRole("button", { name: "Test connection" }).click();
  return page.getByTestId("connection-report");
}

test("choose groups by typing part of a name, save, and Test connection checks GroupMember.Read.All", async ({
  page,
}) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  await saveApp(page, CONTOSO.goodApp);

  await page.getByLabel("Find groups by name").fill("eng");
  await page.getByRole("button", { name: "Find groups" }).click();
  await expect(page.getByTestId("group-search-result")).toContainText("found for “eng”");
  const scopeForm = page.getByRole("form", { name: "Which users" });
  await scopeForm.getByLabel("Engineering", { exact: true }).check();
  await scopeForm.getByLabel("Only members of these groups").check();
  await scopeForm.getByLabel("Accounts with no licence").check();
  await scopeForm.getByLabel("Accounts whose user principal name or mail matches").fill("svc-*\nnoreply@*");
  await scopeForm.getByRole("button", { name: "Save scope" }).click();
  await expect(page.getByText("Changes saved. The next users sync")).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole("form", { name: "Which users" }).getByLabel("Engineering", { exact: true }),
  ).toBeChecked();
  await expect(page.getByRole("complementary", { name: "Setup help" })).toContainText("GroupMember.Read.All");

  const report = await testConnection(page);
  await expect(report).toContainText("GroupMember.Read.All: granted");
  await expect(report).toContainText("Read a chosen group's members: done");

  await saveApp(page, CONTOSO.appWithoutDevices);
  const usersOnly = await testConnection(page);
  await expect(usersOnly).toContainText("GroupMember.Read.All: missing");
  await expect(page.getByTestId("report-consent-link")).toBeVisible();
  await saveApp(page, CONTOSO.goodApp);
});

test("Preview shows what a users sync would do and changes nothing; Sync now from the preview applies it", async ({
  page,
}) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  await page.goto("/settings/azure/microsoft-azure");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByText("Preview requested")).toBeVisible();
  await page.request.get(`${inngestStandIn.control}/idle`);
  await page.reload();
  const preview = page.getByTestId("preview-result");
  await expect(preview).toContainText("a users sync now would change this");
  await expect(preview).toContainText("left out: not in the chosen groups");
  const created = Number(
    (await preview.getByText("would be created").innerText()).match(/^([\d,]+)/)![1].replace(/,/g, ""),
  );
  expect(created).toBeGreaterThan(0);
  const [{ n: before }] = await sql`SELECT count(*)::int AS n FROM clients`;
  expect(before).toBe(0);

  await preview.getByRole("button", { name: "Sync now" }).click();
  await expect(page.getByText("Sync requested.")).toBeVisible();
  await page.request.get(`${inngestStandIn.control}/idle`);
  await page.reload();
  await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users: Succeeded");
  await expect(page.getByTestId("last-run-users")).toContainText(`${created} created`);
  const [{ n: after }] = await sql`SELECT count(*)::int AS n FROM clients`;
  expect(after).toBe(created);
});

/** Starts from All users and no group, as saved; without JavaScript a chip is removed by unticking it. */
async function startFromAllUsers(page: Page, javaScript: boolean) {
  await page.goto("/settings/azure");
  const scopeForm = page.getByRole("form", { name: "Which users" });
  const chosen = scopeForm.getByRole("list", { name: "Chosen groups" });
  for (const name of ["Engineering", "Sales"]) {
    if (!(await chosen.getByText(name, { exact: true }).count())) continue;
    if (javaScript) await chosen.getByRole("button", { name: `Remove ${name}` }).click();
    else await chosen.getByLabel(name, { exact: true }).uncheck();
  }
  await scopeForm.getByLabel("All users").check();
  await scopeForm.getByRole("button", { name: "Save scope" }).click();
  await expect(scopeForm.getByText("Changes saved.")).toBeVisible();
  const [{ users_scope: scope }] = await sql`SELECT users_scope FROM entra_connections`;
  expect(scope).toMatchObject({ mode: "all_users", groups: [] });
}

/** Sales is ticked and "Only members of these groups" chosen; then a search for "eng" keeps both. */
async function searchKeepsTheTicks(page: Page) {
  const scopeForm = page.getByRole("form", { name: "Which users" });
  await scopeForm.getByLabel("Only members of these groups").check();
  await scopeForm.getByLabel("Find groups by name").fill("eng");
  await scopeForm.getByRole("button", { name: "Find groups" }).click();
  await expect(page.getByTestId("group-search-result")).toContainText("found for “eng”");
  await expect(scopeForm.getByLabel("Sales", { exact: true })).toBeChecked();
  await expect(scopeForm.getByLabel("Only members of these groups")).toBeChecked();
  await scopeForm.getByLabel("Engineering", { exact: true }).check();
  await scopeForm.getByRole("button", { name: "Save scope" }).click();
  await expect(page.getByText("Changes saved. The next users sync")).toBeVisible();
  const [{ users_scope: scope }] = await sql`SELECT users_scope FROM entra_connections`;
  expect(scope.mode).toBe("groups");
  expect(scope.groups.map((g: { displayName: string }) => g.displayName).sort()).toEqual(["Engineering", "Sales"]);
}

test("a group chosen in the combobox, and the mode, survive a search for another group", async ({ page }) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  await startFromAllUsers(page, true);
  const scopeForm = page.getByRole("form", { name: "Which users" });
  const combobox = scopeForm.getByRole("combobox", { name: "Find groups by name" });
  await combobox.pressSequentially("sal");
  await expect(page.getByRole("option", { name: "Sales" })).toBeVisible();
  await expect(combobox).toHaveAttribute("aria-expanded", "true");
  await expectAxeClean(page, "Which users, with the combobox open");
  await combobox.press("Enter");
  await expect(
    scopeForm.getByRole("list", { name: "Chosen groups" }).getByLabel("Sales", { exact: true }),
  ).toBeChecked();
  await expectAxeClean(page, "Which users, with a group chosen in the combobox");
  await searchKeepsTheTicks(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("ticking Sales and then finding “eng” keeps the tick and the mode", async ({ page }) => {
    await signIn(page, "sam@msp.example", "correct horse battery");
    await startFromAllUsers(page, false);
    const scopeForm = page.getByRole("form", { name: "Which users" });
    await scopeForm.getByLabel("Find groups by name").fill("sal");
    await scopeForm.getByRole("button", { name: "Find groups" }).click();
    await scopeForm.getByLabel("Sales", { exact: true }).check();
    await searchKeepsTheTicks(page);
  });

  test("asking for a preview works", async ({ page }) => {
    await signIn(page, "sam@msp.example", "correct horse battery");
    await page.goto("/settings/azure/microsoft-azure");
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByText("Preview requested")).toBeVisible();
    await page.request.get(`${inngestStandIn.control}/idle`);
  });
});
