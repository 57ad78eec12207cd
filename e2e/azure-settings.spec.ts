import { expect, test, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { appLogFile, fakeEntraUrl, inngestStandIn } from "../playwright.config";
import { addStaff, resetDatabase, sql } from "./support/database";
import { captureActionRequest, replayAction } from "./support/server-actions";
import { signIn } from "./support/sign-in";
import { expectAxeClean } from "./support/check-page";
import { organizationArgument } from "../lib/sync-runs/command-line";

test.describe.configure({ mode: "serial" });

const admin = { email: "sam@msp.example", password: "correct horse battery" };
const tech = { email: "tia@msp.example", password: "another long password" };
const secretsEntered = [
  CONTOSO.goodApp.secret,
  CONTOSO.appWithoutDevices.secret,
  CONTOSO.appWithExpiredSecret.secret,
  "Zz9Q~thisIsNotTheRightSecretValue.1234",
];
const everyResponse: string[] = [];

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
  await addStaff("Tia Tech", tech.email, tech.password, "technician");
});

test.beforeEach(async ({ page }) => {
  page.on("response", async (response) => {
    const body = await response.text().catch(() => "");
    everyResponse.push(`${response.url()}\n${body}`);
  });
  await signIn(page, admin.email, admin.password);
});

async function saveSettings(page: Page, fields: { clientId: string; secret?: string; expiresOn?: string }) {
  await page.goto("/settings/azure");
  await page.getByLabel("Enabled", { exact: true }).check();
  await page.getByLabel("Application (client) ID").fill(fields.clientId);
  await page.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  if (fields.secret) await page.locator("#clientSecret").fill(fields.secret);
  if (fields.expiresOn) await page.getByLabel("Client secret expires on").fill(fields.expiresOn);
  await page
    .getByRole("form", { name: "Azure User Sync settings" })
    .getByRole("button", { name: "Save Changes" })
    .click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
}

async function testConnection(page: Page) {
  await page.getByRole("link", { name: "Microsoft Azure" }).click();
  await page.getByRole("button", { name: "Test connection" }).click();
  const report = page.getByTestId("connection-report");
  await expect(report).toBeVisible({ timeout: 30_000 });
  return report;
}

test("Settings → Integrations leads to Azure User Sync; bad input is explained at each field and nothing is saved", async ({
  page,
}) => {
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByRole("link", { name: "Azure User Sync" }).click();
  await expect(page.getByRole("heading", { name: "Azure User Sync" })).toBeVisible();
  await page.getByLabel("Enabled", { exact: true }).check();
  await page.getByLabel("Application (client) ID").fill("contoso.onmicrosoft.com");
  await page.getByLabel("Directory (tenant) ID").fill("not a tenant");
  await page.getByLabel("Client secret", { exact: true }).fill(CONTOSO.goodApp.secretId);
  await page
    .getByRole("form", { name: "Azure User Sync settings" })
    .getByRole("button", { name: "Save Changes" })
    .click();
  await expect(page.locator("#clientId-error")).toContainText("belongs in Directory (tenant) ID");
  await expect(page.locator("#tenantId-error")).toContainText("a GUID, or a domain");
  await expect(page.locator("#clientSecret-error")).toContainText("the secret's ID, not its Value");
  expect(await sql`SELECT 1 FROM entra_connections`).toHaveLength(0);
});

test("with the app's IDs and secret saved, Test connection reports a token and both permissions granted", async ({
  page,
}) => {
  await saveSettings(page, { clientId: CONTOSO.goodApp.clientId, secret: CONTOSO.goodApp.secret });
  await expect(page.getByTestId("stored-secret")).toContainText(`ending in …${CONTOSO.goodApp.secret.slice(-4)}`);
  await expect(page.locator("#clientSecret")).toHaveValue("");
  await expect(page.getByTestId("consent-link")).toHaveText(
    `${fakeEntraUrl}/${CONTOSO.tenantId}/adminconsent?client_id=${CONTOSO.goodApp.clientId}`,
  );
  const report = await testConnection(page);
  await expect(report).toContainText("Token obtained");
  await expect(report).toContainText("User.Read.All: granted");
  await expect(report).toContainText("Device.Read.All: granted");
  await expect(report).toContainText("Read one device: done");

  // The last result and its time stay, at the top of the tab, until the next test.
  await page.reload();
  const top = async (heading: string) =>
    (await page.getByRole("heading", { name: heading, exact: true }).boundingBox())!.y;
  expect(await top("Test connection")).toBeLessThan(await top("Sync now"));
  await expect(page.getByTestId("connection-report")).toContainText("Device.Read.All: granted");
  await expect(page.getByTestId("connection-report-time")).toHaveText(/^Tested \d+ \w{3} \d{4}, \d\d:\d\d UTC$/);
});

test("with the app that lacks Device.Read.All, Test connection names it and shows the consent link", async ({
  page,
}) => {
  await saveSettings(page, { clientId: CONTOSO.appWithoutDevices.clientId, secret: CONTOSO.appWithoutDevices.secret });
  const report = await testConnection(page);
  await expect(report).toContainText("User.Read.All: granted");
  await expect(report).toContainText("Device.Read.All: missing");
  await expect(report.getByTestId("report-consent-link")).toHaveAttribute(
    "href",
    `${fakeEntraUrl}/${CONTOSO.tenantId}/adminconsent?client_id=${CONTOSO.appWithoutDevices.clientId}`,
  );
});

test("a wrong secret and an expired secret each get their own message", async ({ page }) => {
  await saveSettings(page, { clientId: CONTOSO.goodApp.clientId, secret: "Zz9Q~thisIsNotTheRightSecretValue.1234" });
  const wrong = await testConnection(page);
  await expect(wrong).toContainText("Token: not obtained");
  await expect(wrong).toContainText(/ID.*instead of its Value|Value.*not.*ID/i);
  const wrongText = await wrong.innerText();

  await saveSettings(page, {
    clientId: CONTOSO.appWithExpiredSecret.clientId,
    secret: CONTOSO.appWithExpiredSecret.secret,
  });
  const expired = await testConnection(page);
  await expect(expired).toContainText(/expired/i);
  expect(await expired.innerText()).not.toBe(wrongText);
});

test("with the job engine down, Sync now and Preview are disabled and each names the command that works instead", async ({
  page,
  request,
  browser,
}) => {
  await saveSettings(page, { clientId: CONTOSO.goodApp.clientId, secret: CONTOSO.goodApp.secret });
  const [organization] = await sql`SELECT id, name FROM organizations`;
  const named = organizationArgument({ id: organization.id, name: organization.name });
  await page.goto("/settings/azure/microsoft-azure");
  const syncUsers = await captureActionRequest(page, () =>
    page.getByRole("button", { name: "Sync users now" }).click(),
  );
  await request.post(`${inngestStandIn.control}/offline`);
  try {
    // Asked as the engine stopped answering (the page was drawn before): refused in words, nothing queued.
    expect(await replayAction(page.request, syncUsers)).toContain("The job engine (Inngest) cannot be reached");
    await page.reload();
    await expect(page.getByTestId("job-engine-warning")).toContainText("Syncs need the job engine");
    const buttons = [
      ["Sync users now", `npm run sync -- users --organization ${named}`],
      ["Sync devices now", `npm run sync -- devices --organization ${named}`],
      ["Preview", `npm run sync -- users --preview --organization ${named}`],
    ];
    for (const [name, command] of buttons) {
      const button = page.getByRole("button", { name, exact: true });
      await expect(button).toBeDisabled();
      await expect(button).toHaveAccessibleDescription(
        `The job engine does not answer: run ${command} on the server instead.`,
      );
    }
    // How to start it is said once on the page, in words (no literal backticks).
    await expect(page.getByText(/npx inngest-cli@latest dev/)).toHaveCount(1);
    expect(await page.locator("main").innerText()).not.toContain("`");
    await expectAxeClean(page, "the Microsoft Azure tab with the job engine down");

    // Without JavaScript the buttons are as disabled: the page is drawn on the server.
    const noScript = await browser.newContext({
      javaScriptEnabled: false,
      storageState: await page.context().storageState(),
    });
    const plain = await noScript.newPage();
    await plain.goto("/settings/azure/microsoft-azure");
    await expect(plain.getByRole("button", { name: "Sync users now" })).toBeDisabled();
    await expect(plain.getByText(`run npm run sync -- users --organization ${named} on the server`)).toBeVisible();
    await noScript.close();
    expect(await sql`SELECT 1 FROM sync_runs`).toHaveLength(0);
  } finally {
    await request.post(`${inngestStandIn.control}/online`);
  }
  await page.reload();
  await expect(page.getByRole("button", { name: "Sync users now" })).toBeEnabled();
  await expect(page.getByTestId("command-instead")).toHaveCount(0);
});

test("after Save schedule the form shows what was saved, and says when the next sync runs", async ({ page }) => {
  await page.goto("/settings/azure/microsoft-azure");
  const schedule = page.getByRole("form", { name: "When to sync" });
  await schedule.getByLabel("Scheduled automatic sync").check();
  await schedule.getByLabel("Sync frequency").selectOption("hourly");
  await schedule.getByRole("button", { name: "Save schedule" }).click();
  await expect(schedule.getByRole("status")).toHaveText(
    /^Schedule saved: Every hour\. Syncs run every hour; the next one starts at about \w{3} \d+ \w{3}, \d\d:\d0 UTC\.$/,
  );
  await expect(schedule.getByLabel("Scheduled automatic sync")).toBeChecked();
  await expect(schedule.getByLabel("Manual only: sync when someone clicks Sync now")).not.toBeChecked();
  await expect(schedule.getByLabel("Sync frequency")).toHaveValue("hourly");

  await page.reload();
  await expect(schedule.getByLabel("Scheduled automatic sync")).toBeChecked();
  await expect(schedule.getByLabel("Sync frequency")).toHaveValue("hourly");

  await schedule.getByLabel("Manual only: sync when someone clicks Sync now").check();
  await schedule.getByRole("button", { name: "Save schedule" }).click();
  await expect(schedule.getByRole("status")).toHaveText(
    "Schedule saved: Manual only. Syncs run only when someone clicks Sync now.",
  );
  await expect(schedule.getByLabel("Manual only: sync when someone clicks Sync now")).toBeChecked();
});

test("Sync frequency on the Settings tab and When to sync on the Microsoft Azure tab are one setting", async ({
  page,
}) => {
  await page.goto("/settings/azure/microsoft-azure");
  const schedule = page.getByRole("form", { name: "When to sync" });
  await schedule.getByLabel("Scheduled automatic sync").check();
  await schedule.getByLabel("Sync frequency").selectOption("every_4_hours");
  await schedule.getByRole("button", { name: "Save schedule" }).click();
  await expect(schedule.getByRole("status")).toContainText("Schedule saved: Every 4 hours.");
  await page.getByRole("link", { name: "Settings", exact: true }).last().click();
  const settings = page.getByRole("form", { name: "Azure User Sync settings" });
  await expect(settings.getByLabel("Sync frequency")).toHaveValue("every_4_hours");

  await settings.getByLabel("Sync frequency").selectOption("daily");
  await settings.getByRole("button", { name: "Save Changes" }).click();
  await expect(settings.getByRole("status")).toContainText(
    /Changes saved\. Syncs run daily; the next one starts at about .* UTC\./,
  );
  await page.getByRole("link", { name: "Microsoft Azure" }).click();
  await expect(schedule.getByLabel("Scheduled automatic sync")).toBeChecked();
  await expect(schedule.getByLabel("Sync frequency")).toHaveValue("daily");
});

test("while the job engine does not answer, saving a schedule says no sync will run until it does", async ({
  page,
  request,
}) => {
  await request.post(`${inngestStandIn.control}/offline`);
  try {
    await page.goto("/settings/azure/microsoft-azure");
    const schedule = page.getByRole("form", { name: "When to sync" });
    await schedule.getByLabel("Scheduled automatic sync").check();
    await schedule.getByLabel("Sync frequency").selectOption("every_12_hours");
    await schedule.getByRole("button", { name: "Save schedule" }).click();
    await expect(schedule.getByRole("status")).toContainText(
      "Syncs are set to run every 12 hours, but no scheduled sync will run until the job engine answers",
    );
    await expect(schedule.getByLabel("Sync frequency")).toHaveValue("every_12_hours");
  } finally {
    await request.post(`${inngestStandIn.control}/online`);
  }
});

test("a secret close to its expiry date warns superusers on the page, the tab and the client list, not technicians", async ({
  page,
  browser,
}) => {
  const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await saveSettings(page, { clientId: CONTOSO.goodApp.clientId, expiresOn: soon });
  await expect(page.getByTestId("secret-expiry-warning")).toContainText(`expires in 10 days (${soon})`);
  await page.getByRole("link", { name: "Microsoft Azure" }).click();
  await expect(page.getByTestId("secret-expiry-warning")).toBeVisible();
  await page.goto("/clients");
  await expect(page.getByTestId("secret-expiry-warning")).toBeVisible();

  const technician = await browser.newPage();
  await signIn(technician, tech.email, tech.password);
  await expect(technician.getByTestId("secret-expiry-warning")).toHaveCount(0);
  await technician.close();
});

test("every settings change and sync request is in the audit log; the secret only as replaced", async ({ page }) => {
  await page.goto("/settings/audit");
  const log = page.getByTestId("audit-log");
  await expect(log).toContainText("Sam Admin");
  await expect(log).toContainText("Client secret: stored → replaced");
  await expect(log).toContainText("Requested a sync of users: not started");
  await expect(log).toContainText("Sync frequency: Manual only → Every 4 hours");
});

test("a technician's direct POST to each Azure User Sync action is refused and changes nothing", async ({
  page,
  browser,
}) => {
  await page.goto("/settings/azure");
  await page.getByLabel("Disabled", { exact: true }).check();
  const save = await captureActionRequest(page, () =>
    page.getByRole("form", { name: "Azure User Sync settings" }).getByRole("button", { name: "Save Changes" }).click(),
  );
  // An aborted action leaves the page in an error state: open the tab afresh for each capture.
  const captureOnTab = async (button: string) => {
    await page.goto("/settings/azure/microsoft-azure");
    return captureActionRequest(page, () => page.getByRole("button", { name: button }).click());
  };
  const schedule = await captureOnTab("Save schedule");
  const syncNow = await captureOnTab("Sync devices now");
  const test = await captureOnTab("Test connection");

  const before = await sql`SELECT c.*, (SELECT count(*) FROM audit_events) AS audit_count FROM entra_connections c`;
  const technician = await browser.newPage();
  await signIn(technician, tech.email, tech.password);
  for (const action of [save, schedule, syncNow, test]) {
    const answer = await replayAction(technician.request, action);
    expect(answer).toContain("Only a superuser can do this.");
    expect(answer).not.toContain("Token obtained");
  }
  await technician.close();
  expect(await sql`SELECT c.*, (SELECT count(*) FROM audit_events) AS audit_count FROM entra_connections c`).toEqual(
    before,
  );
});

test("no secret entered appears in any page or action response, the app's log, the audit log or an error", async () => {
  const log = await readFile(appLogFile, "utf8");
  const audit = JSON.stringify(await sql`SELECT * FROM audit_events`);
  expect(everyResponse.length).toBeGreaterThan(50);
  for (const secret of secretsEntered) {
    expect(everyResponse.filter((text) => text.includes(secret)).map((text) => text.split("\n")[0])).toEqual([]);
    expect(log).not.toContain(secret);
    expect(audit).not.toContain(secret);
  }
});
