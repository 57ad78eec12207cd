import { expect, test, type Page } from "@playwright/test";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { startSmtpInbox, type Inbox } from "../tests/support/smtp-inbox";
import { smtpPort } from "../playwright.config";
import { addStaff, resetDatabase } from "./support/database";
import { endRun } from "./support/alerts";
import { signIn } from "./support/sign-in";

test.describe.configure({ mode: "serial" });

const admin = { email: "sam@msp.example", password: "correct horse battery" };
const tech = { email: "tia@msp.example", password: "another long password" };
const reviewNote = "This sync would disable 0 and remove 6 of 30 active users (20%), more than the 10% threshold.";
let inbox: Inbox;

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
  await addStaff("Tia Tech", tech.email, tech.password, "technician");
  inbox = await startSmtpInbox(smtpPort);
});
test.afterAll(() => inbox.close());

async function saveSettings(page: Page, expiresOn: string) {
  await page.goto("/settings/azure");
  await page.getByLabel("Enabled", { exact: true }).check();
  await page.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await page.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  if (await page.locator("#clientSecret").isVisible()) await page.locator("#clientSecret").fill(CONTOSO.goodApp.secret);
  await page.getByLabel("Client secret expires on").fill(expiresOn);
  await page
    .getByRole("form", { name: "Azure User Sync settings" })
    .getByRole("button", { name: "Save Changes" })
    .click();
  await expect(page.getByText(/Changes saved\.|No changes to save\./)).toBeVisible();
}

const subjects = () => inbox.mails.map((m) => m.subject);

test("a held sync shows a banner on every staff page for superusers, not technicians, until Apply anyway clears it", async ({
  page,
  browser,
}) => {
  await signIn(page, admin.email, admin.password);
  await saveSettings(page, "");
  await endRun({ kind: "users", status: "needs_review", reviewNote });
  expect(subjects()).toEqual(["Vertask: a sync of users needs review"]);

  await page.goto("/clients");
  const banner = page.getByTestId("alert-banner");
  await expect(banner).toContainText(`A sync of users stopped as Needs review: ${reviewNote}`);
  await expect(banner.getByRole("link", { name: "Open the Microsoft Azure tab" })).toHaveAttribute(
    "href",
    "/settings/azure/microsoft-azure",
  );
  await page.goto("/devices");
  await expect(page.getByTestId("alert-banner")).toContainText("Needs review");

  const technician = await browser.newPage();
  await signIn(technician, tech.email, tech.password);
  await technician.goto("/devices");
  await expect(technician.getByRole("heading", { name: "Devices", exact: true })).toBeVisible();
  await expect(technician.getByTestId("alert-banner")).toHaveCount(0);
  await technician.close();

  await page.getByTestId("alert-banner").getByRole("link", { name: "Open the Microsoft Azure tab" }).click();
  await page.getByRole("link", { name: "Run history", exact: true }).click();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Apply anyway" }).click();
  await expect(page.getByTestId("run-status").first()).toHaveText("Succeeded");
  await page.goto("/clients");
  await expect(page.getByRole("heading", { name: "Clients", exact: true })).toBeVisible();
  await expect(page.getByTestId("alert-banner")).toHaveCount(0);
  await expect
    .poll(subjects)
    .toEqual(["Vertask: a sync of users needs review", "Vertask: the held sync of users is resolved"]);
});

test("a secret close to its expiry is warned about once on each page, not again in the alert banner", async ({
  page,
}) => {
  await signIn(page, admin.email, admin.password);
  const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await saveSettings(page, soon);
  await endRun({
    kind: "devices",
    status: "failed",
    errorMessage: "The client secret has expired: create a new one (guide step 3).",
  });
  for (const path of ["/clients", "/settings/azure", "/settings/azure/microsoft-azure"]) {
    await page.goto(path);
    await expect(page.getByTestId("secret-expiry-warning")).toHaveCount(1);
    await expect(page.getByTestId("secret-expiry-warning")).toContainText(`expires in 5 days (${soon})`);
    await expect(page.getByTestId("alert-banner")).toContainText("Syncing devices failed");
    await expect(page.getByTestId("alert-banner")).not.toContainText("expires in");
  }
  await saveSettings(page, "");
  await endRun({ kind: "devices", status: "succeeded" });
  await page.goto("/clients");
  await expect(page.getByRole("heading", { name: "Clients", exact: true })).toBeVisible();
  await expect(page.getByTestId("secret-expiry-warning")).toHaveCount(0);
  await expect(page.getByTestId("alert-banner")).toHaveCount(0);
});

test("Your alerts turns alert mail off and on with a plain POST form, with or without JavaScript", async ({
  page,
  browser,
}) => {
  await signIn(page, admin.email, admin.password);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Your alerts" }).click();
  const form = page.getByRole("form", { name: "Alert mail" });
  await expect(page.getByTestId("alert-emails-state")).toContainText("is on");
  await form.getByLabel("Off", { exact: true }).check();
  await form.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Alert mail is off for you.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("alert-emails-state")).toContainText("is off");

  const before = inbox.mails.length;
  await endRun({ kind: "users", status: "failed", errorMessage: "Microsoft Graph did not answer in time." });
  await page.goto("/clients");
  await expect(page.getByTestId("alert-banner")).toContainText("Syncing users failed");
  expect(inbox.mails.length).toBe(before);

  const noScript = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  const plain = await noScript.newPage();
  await plain.goto("/settings/alerts");
  // As the server sends it: a plain POST form that needs no script.
  await expect(plain.getByRole("form", { name: "Alert mail" })).toHaveAttribute("method", /^post$/i);
  await plain.getByLabel("On", { exact: true }).check();
  await plain.getByRole("button", { name: "Save" }).click();
  await expect(
    plain.getByText("Alert mail is on: you get one mail when a problem starts and one when it clears."),
  ).toBeVisible();
  await expect(plain.getByTestId("alert-emails-state")).toContainText("is on");
  await noScript.close();

  await endRun({ kind: "users", status: "succeeded" });
  await expect
    .poll(() => inbox.mails.slice(before).map((m) => m.subject))
    .toEqual(["Vertask: users are syncing again"]);
});
