import { expect, test, type Browser, type Page } from "@playwright/test";
import { addStaff, resetDatabase } from "./support/database";
import { signIn } from "./support/sign-in";

test.describe.configure({ mode: "serial" });

const admin = { name: "Sam Admin", email: "sam@msp.example", password: "correct horse battery" };
const tech = { name: "Tia Tech", email: "tia@msp.example", password: "another long password" };

test.beforeEach(async () => {
  await resetDatabase();
  await addStaff(admin.name, admin.email, admin.password, "superuser");
  await addStaff(tech.name, tech.email, tech.password, "technician");
});

/** A second browser, with its own cookies: another device where the same person is signed in. */
async function signedInElsewhere(browser: Browser, email: string, password: string): Promise<Page> {
  // With JavaScript on whatever the test uses: signing in without it is issue 12's point 1, done elsewhere.
  const context = await browser.newContext({ javaScriptEnabled: true });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

/** The session cookies of a browser that signed in (with JavaScript), to hand to another one. */
async function signedInCookies(browser: Browser, email: string, password: string) {
  const page = await signedInElsewhere(browser, email, password);
  const cookies = await page.context().cookies();
  await page.context().close();
  return cookies;
}

async function expectSignedOut(page: Page) {
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/signin$/);
}

test("a technician changes their password; their session in another browser ends at its next request", async ({
  page,
  browser,
}) => {
  const elsewhere = await signedInElsewhere(browser, tech.email, tech.password);
  await signIn(page, tech.email, tech.password);
  await page.getByRole("link", { name: "Your account" }).click();
  const form = page.getByRole("form", { name: "Change your password" });

  // "Signed out everywhere?" is asked only once the fields and the current password have been checked.
  const asked: string[] = [];
  const answers: ("accept" | "dismiss")[] = [];
  page.on("dialog", (dialog) => {
    asked.push(dialog.message());
    return answers.shift() === "accept" ? dialog.accept() : dialog.dismiss();
  });
  await form.getByLabel("Current password").fill("not my password at all");
  await form.getByLabel("New password", { exact: true }).fill("password1234");
  await form.getByLabel("New password again").fill("password1234");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.locator("#newPassword-error")).toHaveText(
    "This password is one of the most common ones: choose another.",
  );

  await form.getByLabel("Current password").fill("not my password at all");
  await form.getByLabel("New password", { exact: true }).fill("plum tractor velvet 42");
  await form.getByLabel("New password again").fill("plum tractor velvet 42");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.locator("#currentPassword-error")).toHaveText("This is not your current password.");
  expect(asked).toEqual([]);

  await form.getByLabel("Current password").fill(tech.password);
  await form.getByLabel("New password", { exact: true }).fill("plum tractor velvet 42");
  await form.getByLabel("New password again").fill("plum tractor velvet 42");
  answers.push("dismiss");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert").filter({ hasText: "Your password was not changed." })).toBeVisible();
  expect(asked).toEqual([expect.stringContaining("You will be signed out everywhere")]);
  await expect(form.getByLabel("New password", { exact: true })).toHaveValue("plum tractor velvet 42");

  answers.push("accept");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/signin\?notice=password-changed$/);
  await expect(page.getByRole("status")).toContainText("Sign in with the new password.");

  await expectSignedOut(elsewhere);
  await elsewhere.context().close();
  await signIn(page, tech.email, "plum tractor velvet 42");
  await expect(page.getByTestId("signed-in-as")).toContainText(tech.name);
});

test("a superuser makes a technician a superuser: the technician's open session ends, and they come back with Settings", async ({
  page,
  browser,
}) => {
  const techPage = await signedInElsewhere(browser, tech.email, tech.password);
  await expect(techPage.getByRole("link", { name: "Settings" })).toHaveCount(0);

  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/staff");
  await page.getByRole("link", { name: `Change role or password of ${tech.name}` }).click();
  await expect(page.getByRole("heading", { name: tech.name })).toBeVisible();
  const roleForm = page.getByRole("form", { name: "Role" });
  await roleForm.getByLabel("Role").selectOption("superuser");
  page.once("dialog", (dialog) => dialog.accept());
  await roleForm.getByRole("button", { name: "Change role" }).click();
  await expect(roleForm.getByRole("status")).toHaveText("Tia Tech is now a superuser; their open sessions have ended.");

  await expectSignedOut(techPage);
  await signIn(techPage, tech.email, tech.password);
  await expect(techPage.getByTestId("signed-in-as")).toContainText("Superuser");
  await expect(techPage.getByRole("link", { name: "Settings" })).toBeVisible();
  await techPage.context().close();

  await page.goto("/settings/staff");
  await expect(page.getByRole("row", { name: new RegExp(tech.email) })).toContainText("Superuser");
});

test("a superuser resets a technician's password: the old one stops working and the open session ends", async ({
  page,
  browser,
}) => {
  const techPage = await signedInElsewhere(browser, tech.email, tech.password);
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/staff");
  await page.getByRole("link", { name: `Change role or password of ${tech.name}` }).click();
  const resetForm = page.getByRole("form", { name: "Reset password" });
  await resetForm.getByLabel("New password").fill("x".repeat(73));
  page.once("dialog", (dialog) => dialog.accept());
  await resetForm.getByRole("button", { name: "Set new password" }).click();
  await expect(resetForm.locator("#password-error")).toContainText("72 bytes");

  await resetForm.getByLabel("New password").fill("plum tractor velvet 42");
  page.once("dialog", (dialog) => dialog.accept());
  await resetForm.getByRole("button", { name: "Set new password" }).click();
  await expect(resetForm.getByRole("status")).toContainText("Tia Tech has a new password");

  await expectSignedOut(techPage);
  await techPage.getByLabel("Email").fill(tech.email);
  await techPage.getByLabel("Password").fill(tech.password);
  await techPage.getByRole("button", { name: "Sign in" }).click();
  await expect(techPage.getByText("Wrong email or password.")).toBeVisible();
  await signIn(techPage, tech.email, "plum tractor velvet 42");
  await techPage.context().close();
});

test("a dismissed confirmation changes nothing", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/staff");
  await page.getByRole("link", { name: `Change role or password of ${tech.name}` }).click();
  const roleForm = page.getByRole("form", { name: "Role" });
  await roleForm.getByLabel("Role").selectOption("superuser");
  page.once("dialog", (dialog) => dialog.dismiss());
  await roleForm.getByRole("button", { name: "Change role" }).click();
  await page.goto("/settings/staff");
  await expect(page.getByRole("row", { name: new RegExp(tech.email) })).toContainText("Technician");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("the password change posts, keeps the passwords out of every URL, and signs the person out", async ({
    page,
    browser,
  }) => {
    const visited: string[] = [];
    page.on("request", (request) => visited.push(request.url()));
    // Signing in without JavaScript is another change's work (issue 12, point 1): start from a session made with it.
    await page.context().addCookies(await signedInCookies(browser, tech.email, tech.password));
    await page.goto("/account");
    const form = page.getByRole("form", { name: "Change your password" });
    await form.getByLabel("Current password").fill(tech.password);
    await form.getByLabel("New password", { exact: true }).fill("plum tractor velvet 42");
    await form.getByLabel("New password again").fill("plum tractor velvet 42");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(page).toHaveURL(/\/signin\?notice=password-changed$/);
    await expect(page.getByRole("status")).toContainText("Sign in with the new password.");
    for (const url of visited) expect(url).not.toMatch(/plum|another%20long|another\+long|password=/i);
    await page.goto("/clients");
    await expect(page).toHaveURL(/\/signin$/);
  });
});
