import { expect, test, type Page } from "@playwright/test";
import { countRows, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";
import { expectAxeClean } from "./support/check-page";
import { captureActionRequest, replayAction } from "./support/server-actions";
import { currentSetupCode } from "../lib/staff/setup-code";
import { appLogFile, appSecret } from "../playwright.config";
import { readFileSync } from "node:fs";

test.describe.configure({ mode: "serial" });

test.beforeAll(resetDatabase);

const superuser = { name: "Sam Admin", email: "sam@msp.example", password: "correct horse battery" };
const technician = { name: "Tia Tech", email: "tia@msp.example", password: "another long password" };
// What the server printed at start and `npm run setup-code` prints: derived from the app's secret.
const setupCode = currentSetupCode({ NEXTAUTH_SECRET: appSecret });

test("on an empty database every page leads to creating the first superuser", async ({ page }) => {
  for (const path of ["/", "/clients", "/devices", "/settings/staff", "/signin"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/setup$/);
  }
  await expect(page.getByRole("heading", { name: "Create the first superuser" })).toBeVisible();
});

test("the first-run form explains bad input next to each field and creates nobody", async ({ page }) => {
  await page.goto("/setup");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create superuser" }).click();
  await expect(page.locator("#name-error")).toHaveText("Enter a name.");
  await expect(page.locator("#email-error")).toContainText("Enter a valid email address");
  await expect(page.locator("#password-error")).toHaveText("Use at least 12 characters for the password.");
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  expect(await countRows("staff_users")).toBe(0);
});

test("the server printed the setup code in its log at start, as nobody had claimed the instance", () => {
  // The browser tests' database is new when the app starts (tests/run-all.ts), so the app has announced it.
  expect(readFileSync(appLogFile, "utf8")).toContain(`create the first superuser with the setup code: ${setupCode}`);
});

test("a wrong setup code is refused next to its field and creates nobody", async ({ page }) => {
  await page.goto("/setup");
  await page.getByLabel("Setup code").fill("AAAA-BBBB-CCCC-DDDD");
  await page.getByLabel("Name").fill(superuser.name);
  await page.getByLabel("Email").fill(superuser.email);
  await page.getByLabel("Password").fill(superuser.password);
  await page.getByRole("button", { name: "Create superuser" }).click();
  await expect(page.locator("#setupCode-error")).toContainText("This is not the setup code.");
  await expect(page.getByLabel("Email")).toHaveValue(superuser.email);
  expect(await countRows("staff_users")).toBe(0);
});

/** A wrong code and a weak password: both said at once, and the code, name and email stay as typed. */
async function everyProblemAtOnce(page: Page) {
  await page.goto("/setup");
  await page.getByLabel("Setup code").fill("AAAA-BBBB-CCCC-EEEE");
  await page.getByLabel("Name").fill(superuser.name);
  await page.getByLabel("Email").fill(superuser.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create superuser" }).click();
  await expect(page.locator("#setupCode-error")).toContainText("This is not the setup code.");
  await expect(page.locator("#password-error")).toHaveText("Use at least 12 characters for the password.");
  await expect(page.getByLabel("Setup code")).toHaveValue("AAAA-BBBB-CCCC-EEEE");
  await expect(page.getByLabel("Name")).toHaveValue(superuser.name);
  await expect(page.getByLabel("Email")).toHaveValue(superuser.email);
  await expect(page.getByLabel("Password")).toHaveValue("");
  expect(await countRows("staff_users")).toBe(0);
}

test("a wrong setup code and a weak password are reported together, and what was typed stays", async ({ page }) => {
  await everyProblemAtOnce(page);
  // axe runs in the page, so only here: without JavaScript the server draws the same form.
  await expectAxeClean(page, "the first-run form with two problems");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a wrong setup code and a weak password are reported together, and what was typed stays", async ({ page }) => {
    await everyProblemAtOnce(page);
  });
});

test("a new user creates the superuser with the setup code, is signed in with it, and the setup page is gone for good", async ({
  page,
}) => {
  await page.goto("/setup");
  await page.getByLabel("Setup code").fill(setupCode);
  await page.getByLabel("Name").fill(superuser.name);
  await page.getByLabel("Email").fill(superuser.email);
  await page.getByLabel("Password").fill(superuser.password);
  await page.getByRole("button", { name: "Create superuser" }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(`${superuser.name} · Superuser`);
  await page.goto("/settings/azure");
  await expect(page.getByRole("heading", { name: "Setting up Microsoft Entra" })).toBeVisible();
  const response = await page.goto("/setup");
  expect(response?.status()).toBe(404);
});

test("an anonymous visitor is sent to sign in, and a wrong password is refused", async ({ page }) => {
  await page.goto("/devices");
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#email-error")).toBeVisible();
  await expect(page.locator("#password-error")).toHaveText("Enter your password.");
  await page.getByLabel("Email").fill(superuser.email);
  await page.getByLabel("Password").fill("wrong password here");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  await expect(page).toHaveURL(/\/signin$/);
});

test("a superuser sees the empty states pointing to Microsoft Azure, and adds a technician", async ({ page }) => {
  await signIn(page, superuser.email, superuser.password);
  await expect(page.getByTestId("signed-in-as")).toContainText("Sam Admin");
  await expect(page.getByRole("heading", { name: "No clients yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect Microsoft Azure" })).toHaveAttribute("href", "/settings/azure");
  await page.getByRole("link", { name: "Devices" }).click();
  await expect(page.getByRole("heading", { name: "No devices yet" })).toBeVisible();

  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Staff" }).click();
  const form = page.getByRole("form", { name: "Add staff member" });
  await form.getByLabel("Email").fill(superuser.email);
  await form.getByLabel("Password").fill("1234");
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.locator("#name-error")).toHaveText("Enter a name.");
  await expect(form.locator("#password-error")).toHaveText("Use at least 12 characters for the password.");
  await form.getByLabel("Name").fill("Duplicate");
  await form.getByLabel("Password").fill("long enough password");
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.locator("#email-error")).toHaveText("A staff member with this email already exists.");
  expect(await countRows("staff_users")).toBe(1);

  await form.getByLabel("Name").fill(technician.name);
  await form.getByLabel("Email").fill(technician.email);
  await form.getByLabel("Password").fill(technician.password);
  await form.getByLabel("Role").selectOption("technician");
  await form.getByRole("button", { name: "Add staff member" }).click();
  await expect(form.getByRole("status")).toHaveText("Tia Tech can now sign in as a technician.");
  await expect(page.getByRole("cell", { name: technician.email })).toBeVisible();
  expect(await countRows("staff_users")).toBe(2);
});

test("a technician is told to ask a superuser, cannot reach settings, and a superuser action refuses them", async ({
  page,
  browser,
}) => {
  // Capture the real "add staff member" request a superuser's browser sends, without letting it through.
  const admin = await browser.newPage();
  await signIn(admin, superuser.email, superuser.password);
  await admin.goto("/settings/staff");
  const form = admin.getByRole("form", { name: "Add staff member" });
  await form.getByLabel("Name").fill("Mallory");
  await form.getByLabel("Email").fill("mallory@msp.example");
  await form.getByLabel("Password").fill("a very long password");
  await form.getByLabel("Role").selectOption("superuser");
  const addStaff = await captureActionRequest(admin, () =>
    form.getByRole("button", { name: "Add staff member" }).click(),
  );
  await admin.close();

  await signIn(page, technician.email, technician.password);
  await expect(page.getByText("Ask a superuser to set it up.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  for (const path of ["/settings", "/settings/staff", "/settings/azure"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }

  expect(await replayAction(page.request, addStaff)).toContain("Only a superuser can do this.");
  expect(await countRows("staff_users")).toBe(2);
  expect(await sql`SELECT 1 FROM staff_users WHERE email = 'mallory@msp.example'`).toHaveLength(0);
});

test("a removed staff member loses access at once", async ({ page, browser }) => {
  const techPage = await browser.newPage();
  await signIn(techPage, technician.email, technician.password);

  await signIn(page, superuser.email, superuser.password);
  await page.goto("/settings/staff");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Remove Tia Tech" }).click();
  await expect(page.getByRole("cell", { name: technician.email })).toHaveCount(0);

  await techPage.goto("/clients");
  await expect(techPage).toHaveURL(/\/signin$/);
  await techPage.close();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, superuser.email, superuser.password);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/signin$/);
});
