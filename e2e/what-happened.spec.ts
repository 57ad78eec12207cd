import { expect, test, type Page } from "@playwright/test";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { startSmtpInbox, type Inbox } from "../tests/support/smtp-inbox";
import { appMailDir, smtpPort } from "../playwright.config";
import { addStaff, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";

// What Vertask did shows where an administrator looks: the run history, the Microsoft Azure tab, the audit log, the mailbox.
test.describe.configure({ mode: "serial" });

const admin = { email: "sam@msp.example", password: "correct horse battery" };
let inbox: Inbox;

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
  inbox = await startSmtpInbox(smtpPort);
});
test.afterAll(() => inbox.close());
test.beforeEach(({ page }) => signIn(page, admin.email, admin.password));

async function saveSettings(page: Page, invite: "Yes" | "No") {
  await page.goto("/settings/azure");
  const form = page.getByRole("form", { name: "Azure User Sync settings" });
  await form.getByLabel("Enabled", { exact: true }).check();
  await form.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await form.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  await form.locator("#clientSecret").fill(CONTOSO.goodApp.secret);
  await form.getByRole("group", { name: "Invite synced users to the client portal" }).getByLabel(invite).check();
  await form.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
}

async function syncUsers(page: Page) {
  await page.getByRole("link", { name: "Microsoft Azure" }).click();
  await page.getByRole("button", { name: "Sync users now" }).click();
  await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users: Succeeded", { timeout: 30_000 });
}

const eligibleCount = async () =>
  (
    await sql`SELECT count(*)::int AS n FROM clients WHERE status = 'active' AND source = 'azure' AND coalesce(mail, '') <> '' AND NOT is_external`
  )[0].n as number;

test("the invite setting says who is invited and, before it is on, how many the next sync would invite; the run then counts them sent", async ({
  page,
}) => {
  await saveSettings(page, "No");
  await syncUsers(page);
  const expected = await eligibleCount();
  expect(expected).toBeGreaterThan(5);

  await page.goto("/settings/azure");
  const invite = page.getByRole("group", { name: "Invite synced users to the client portal" });
  await expect(invite).toContainText("every synced client who is active and has a mail address gets one invitation");
  await expect(page.getByTestId("invite-count")).toHaveText(
    `Saved as Yes, the next users sync would invite ${expected} clients already synced, and anyone new it brings in.`,
  );
  await page.screenshot({ path: ".data/test-results/invite-hint.png", fullPage: true });

  await saveSettings(page, "Yes");
  await expect(page.getByTestId("invite-count")).toHaveCount(0);
  await syncUsers(page);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("last-run-invitations")).toHaveText(`Portal invitations: ${expected} sent`);
  }).toPass({ timeout: 20_000 });
  expect(inbox.mails.length).toBe(expected);

  await page.getByRole("link", { name: "Run history", exact: true }).click();
  await expect(page.getByTestId("run-invitations").first()).toHaveText(`Portal invitations: ${expected} sent`);
  await page.screenshot({ path: ".data/test-results/run-history-invitations.png", fullPage: true });

  await page.goto("/settings/audit");
  // Each event is a row of the log: who, then what.
  await expect(
    page
      .getByTestId("audit-log")
      .getByRole("row")
      .filter({ hasText: "Vertask (job engine)" })
      .filter({ hasText: new RegExp(`Sent ${Math.min(expected, 25)} client portal invitations: `) }),
  ).not.toHaveCount(0);
});

test("the audit log records invitations resent and revoked, and staff added, changed and removed", async ({ page }) => {
  const [client] =
    await sql`SELECT c.id, c.display_name AS name FROM clients c JOIN portal_accounts a ON a.client_id = c.id LIMIT 1`;
  await page.goto(`/clients/${client.id}`);
  await page.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByText("A new invitation is on its way.")).toBeVisible();
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Revoke access" }).click();
  await expect(page.getByTestId("portal-status")).toContainText("Revoked on");

  await page.goto("/settings/staff");
  const add = page.getByRole("form", { name: "Add staff member" });
  await add.getByLabel("Name").fill("Tia Tech");
  await add.getByLabel("Email").fill("tia@msp.example");
  await add.getByLabel("Password").fill("plum tractor velvet 42");
  await add.getByRole("button", { name: "Add staff member" }).click();
  await expect(page.getByRole("row", { name: /tia@msp\.example/ })).toBeVisible();
  await page.getByRole("link", { name: "Change role or password of Tia Tech" }).click();
  const roleForm = page.getByRole("form", { name: "Role" });
  await roleForm.getByLabel("Role").selectOption("superuser");
  page.once("dialog", (dialog) => dialog.accept());
  await roleForm.getByRole("button", { name: "Change role" }).click();
  await expect(roleForm.getByRole("status")).toContainText("now a superuser");
  await page.goto("/settings/staff");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Remove Tia Tech" }).click();
  await expect(page.getByRole("row", { name: /tia@msp\.example/ })).toHaveCount(0);

  await page.goto("/settings/audit");
  const log = page.getByTestId("audit-log");
  // Each event is a row of the log: who, then what.
  for (const what of [
    `Sent a new portal invitation to ${client.name}`,
    `Revoked portal access of ${client.name}`,
    "Added Tia Tech (tia@msp.example) as technician",
    "Changed the role of Tia Tech to superuser",
    "Removed Tia Tech (tia@msp.example)",
  ])
    await expect(log.getByRole("row").filter({ hasText: "Sam Admin" }).filter({ hasText: what })).not.toHaveCount(0);
});

test("the development mailbox says how many messages it holds, pages through them and shows links as links", async ({
  page,
}) => {
  rmSync(appMailDir, { recursive: true, force: true });
  mkdirSync(appMailDir, { recursive: true });
  for (let n = 1; n <= 53; n++) {
    const file = `2026-01-01T00-00-${String(n).padStart(2, "0")}-000Z-message-${n}.json`;
    const text = `Hello ${n},\n\nSet your password: http://127.0.0.1/portal/accept?token=token-${n}\n`;
    writeFileSync(
      path.join(appMailDir, file),
      JSON.stringify({
        to: [{ address: `client${n}@contoso.example` }],
        subject: `Invitation ${n}`,
        text,
        sentAt: "2026-01-01T00:00:00Z",
      }),
    );
  }
  await page.goto("/settings/mail");
  await expect(page.getByTestId("mail-count")).toHaveText("53 messages");
  await expect(page.getByTestId("dev-mail")).toHaveCount(50);
  await expect(page.getByTestId("dev-mail").first()).toContainText("Invitation 53");
  const link = page
    .getByTestId("dev-mail")
    .first()
    .getByRole("link", { name: "http://127.0.0.1/portal/accept?token=token-53" });
  await expect(link).toHaveAttribute("href", "http://127.0.0.1/portal/accept?token=token-53");
  await page.screenshot({ path: ".data/test-results/dev-mailbox.png", fullPage: false });

  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/\/settings\/mail\?page=2$/);
  await expect(page.getByTestId("dev-mail")).toHaveCount(3);
  await expect(page.getByTestId("dev-mail").last()).toContainText("Invitation 1");
  await expect(page.getByTestId("result-count")).toContainText("51–53 of 53 messages");
  rmSync(appMailDir, { recursive: true, force: true });
});
