import { expect, test } from "@playwright/test";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { startSmtpInbox, type Inbox } from "../tests/support/smtp-inbox";
import { smtpPort } from "../playwright.config";
import { addStaff, resetDatabase, sql } from "./support/database";
import { fakeTenant } from "./support/fake-tenant";
import { signIn } from "./support/sign-in";
import { syncNow } from "./support/sync-now";

test.describe.configure({ mode: "serial" });

let inbox: Inbox;
let portalUser: { clientId: string; objectId: string; name: string; mail: string; device: string; password: string };
const admin = { email: "sam@msp.example", password: "correct horse battery" };

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
  inbox = await startSmtpInbox(smtpPort);
});
test.afterAll(() => inbox.close());

const mailTo = (address: string) => inbox.mails.filter((m) => (m.to as { text: string }).text === address);
const linkIn = (text: string) =>
  new URL(text.match(/http:\/\/127\.0\.0\.1:\d+\/portal\/accept\?token=[A-Za-z0-9_-]+/)![0]);

test("a sync with invitations on mails each client a link; the client sets a password and sees their devices", async ({
  page,
  browser,
}) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/azure");
  await page.getByLabel("Enabled", { exact: true }).check();
  await page.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await page.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  await page.locator("#clientSecret").fill(CONTOSO.goodApp.secret);
  await page.getByRole("group", { name: "Invite synced users to the client portal" }).getByLabel("Yes").check();
  await page
    .getByRole("form", { name: "Azure User Sync settings" })
    .getByRole("button", { name: "Save Changes" })
    .click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await syncNow(page, "devices");
  await syncNow(page, "users");

  const [owner] = await sql`
    SELECT c.id, c.entra_object_id, c.display_name, c.mail, d.display_name AS device FROM clients c
    JOIN devices d ON d.owner_client_id = c.id JOIN portal_accounts a ON a.client_id = c.id LIMIT 1`;
  portalUser = {
    clientId: owner.id,
    objectId: owner.entra_object_id,
    name: owner.display_name,
    mail: owner.mail,
    device: owner.device,
    password: "my portal password",
  };
  const [{ invited }] = await sql`SELECT count(*)::int AS invited FROM portal_invitations`;
  await expect.poll(() => inbox.mails.length, { timeout: 15_000 }).toBe(invited);
  const [mail] = mailTo(portalUser.mail);
  expect(mail.subject).toBe("Your invitation to the Vertask client portal");

  const client = await browser.newPage();
  await client.goto(linkIn(mail.text!).pathname + linkIn(mail.text!).search);
  await expect(client.getByRole("heading", { name: `Welcome, ${portalUser.name}` })).toBeVisible();
  await client.getByLabel("Password", { exact: true }).fill(portalUser.password);
  await client.getByLabel("Password again").fill("something else entirely");
  await client.getByRole("button", { name: "Set password" }).click();
  await expect(client.locator("#confirmPassword-error")).toHaveText("The two passwords are not the same.");
  await client.getByLabel("Password", { exact: true }).fill(portalUser.password);
  await client.getByLabel("Password again").fill(portalUser.password);
  await client.getByRole("button", { name: "Set password" }).click();
  await expect(client).toHaveURL(/\/portal$/);
  await expect(client.getByRole("heading", { level: 1 })).toHaveText(portalUser.name);
  await expect(client.getByRole("cell", { name: portalUser.device })).toBeVisible();

  await client.goto(linkIn(mail.text!).pathname + linkIn(mail.text!).search);
  await expect(client.getByTestId("invitation-refused")).toContainText("already been used");
  await client.close();
});

test("a second sync of the same tenant sends no mail", async ({ page }) => {
  const before = inbox.mails.length;
  await signIn(page, admin.email, admin.password);
  await syncNow(page, "users");
  await page.waitForTimeout(1000);
  expect(inbox.mails.length).toBe(before);
});

test("an expired link is refused and offers a new invitation, which arrives", async ({ page }) => {
  const [other] = await sql`
    SELECT i.email FROM portal_invitations i WHERE i.client_id <> ${portalUser.clientId} AND i.used_at IS NULL LIMIT 1`;
  await sql`UPDATE portal_invitations SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE email = ${other.email}`;
  const link = linkIn(mailTo(other.email)[0].text!);
  await page.goto(link.pathname + link.search);
  await expect(page.getByTestId("invitation-refused")).toContainText("expired");
  await page.getByRole("button", { name: "Send me a new invitation" }).click();
  await expect(page.getByText(/A new invitation is on its way to/)).toBeVisible();
  await expect.poll(() => mailTo(other.email).length, { timeout: 15_000 }).toBe(2);
});

test("a portal user reaches only the portal: a staff address, another client's device included, leads back to the portal", async ({
  page,
}) => {
  await page.goto("/portal/signin");
  await page.getByLabel("Email").fill(portalUser.mail);
  await page.getByLabel("Password").fill(portalUser.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  const [otherDevice] =
    await sql`SELECT id FROM devices WHERE owner_client_id IS DISTINCT FROM ${portalUser.clientId} LIMIT 1`;
  for (const path of [
    "/clients",
    `/clients/${portalUser.clientId}`,
    `/devices/${otherDevice.id}`,
    "/devices",
    "/settings",
    "/settings/azure",
  ]) {
    await page.goto(path);
    await expect(page, path).toHaveURL(/\/portal$/);
    await expect(page.getByRole("heading", { level: 1 }), path).toHaveText(portalUser.name);
  }
  // An address that is nothing at all is not found, and its way back leads to the portal, not to another 404.
  await page.goto("/no-such-page");
  await page.getByRole("link", { name: "Back to clients" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  expect((await page.request.get("/clients/export")).status()).toBe(401);
});

test("a client who forgot their password asks the sign-in page to send a new link, sets a new password and is in", async ({
  page,
}) => {
  const answer =
    "If this address has access to the client portal, a link to set a new password is on its way. It works once, for 1 hour.";
  const askForNewLink = async (address: string) => {
    await page.goto("/portal/signin");
    await page.getByRole("link", { name: "Send me a new link" }).click();
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(address);
    await page.getByRole("button", { name: "Send me a new link" }).click();
  };
  const newLinkMails = (address: string) =>
    mailTo(address).filter((mail) => mail.subject === "Your new link to the Vertask client portal");

  // The answer is the same for an address nobody uses: the page does not say who has access.
  await askForNewLink("nobody-here@contoso.example");
  await expect(page.getByRole("status")).toHaveText(answer);
  await askForNewLink(portalUser.mail.toUpperCase());
  await expect(page.getByRole("status")).toHaveText(answer);
  await expect.poll(() => newLinkMails(portalUser.mail).length, { timeout: 15_000 }).toBe(1);
  expect(newLinkMails("nobody-here@contoso.example")).toHaveLength(0);

  const mail = newLinkMails(portalUser.mail)[0];
  const link = new URL(mail.text!.match(/http:\/\/127\.0\.0\.1:\d+\/portal\/new-password\?token=[A-Za-z0-9_-]+/)![0]);
  await page.goto(link.pathname + link.search);
  await expect(page.getByRole("heading", { name: `Set a new password, ${portalUser.name}` })).toBeVisible();
  const newPassword = "a brand new portal password";
  await page.getByLabel("Password", { exact: true }).fill(newPassword);
  await page.getByLabel("Password again").fill(newPassword);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(portalUser.name);

  // The link worked once; the old password no longer does, the new one does.
  await page.context().clearCookies();
  await page.goto(link.pathname + link.search);
  await expect(page.getByTestId("new-link-refused")).toBeVisible();
  await page.goto("/portal/signin");
  await page.getByLabel("Email").fill(portalUser.mail);
  await page.getByLabel("Password").fill(portalUser.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password, or your access to the portal has ended.")).toBeVisible();
  portalUser.password = newPassword;
  await page.getByLabel("Password").fill(portalUser.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/portal$/);
});

test("asking for new links is limited like signing in: the sixth request for one address within 15 minutes waits", async ({
  page,
}) => {
  const address = "someone-else@contoso.example";
  for (let attempt = 1; attempt <= 6; attempt++) {
    await page.goto("/portal/new-link");
    await page.getByLabel("Email").fill(address);
    await page.getByRole("button", { name: "Send me a new link" }).click();
    if (attempt <= 5)
      await expect(page.getByRole("status")).toContainText("a link to set a new password is on its way");
  }
  await expect(page.getByText(/^Too many failed attempts: try again in \d+ minutes?\.$/)).toBeVisible();
});

test("revoking access ends the portal session at once; Resend invitation mails a new link", async ({
  page,
  browser,
}) => {
  const client = await browser.newPage();
  await client.goto("/portal/signin");
  await client.getByLabel("Email").fill(portalUser.mail);
  await client.getByLabel("Password").fill(portalUser.password);
  await client.getByRole("button", { name: "Sign in" }).click();
  await expect(client).toHaveURL(/\/portal$/);

  await signIn(page, admin.email, admin.password);
  await page.goto(`/clients/${portalUser.clientId}`);
  await expect(page.getByTestId("portal-status")).toContainText("Active since");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Revoke access" }).click();
  await expect(page.getByTestId("portal-status")).toContainText("Revoked on");
  await client.reload();
  await expect(client).toHaveURL(/\/portal\/signin$/);

  const mailsBefore = mailTo(portalUser.mail).length;
  await page.getByRole("button", { name: "Resend invitation" }).click();
  await expect(page.getByText("A new invitation is on its way.")).toBeVisible();
  await expect.poll(() => mailTo(portalUser.mail).length, { timeout: 15_000 }).toBe(mailsBefore + 1);
  await expect(page.getByTestId("portal-status")).toContainText(/Invited on|waiting/);
  await client.close();
});

test("a client disabled in Entra loses the portal: an open session ends and signing in is refused", async ({
  page,
  browser,
}) => {
  const [active] = await sql`
    SELECT c.mail, c.entra_object_id FROM clients c JOIN portal_invitations i ON i.client_id = c.id
    WHERE c.id <> ${portalUser.clientId} AND i.used_at IS NULL AND i.superseded_at IS NULL AND i.expires_at > now() LIMIT 1`;
  const link = linkIn(mailTo(active.mail).at(-1)!.text!);
  const client = await browser.newPage();
  await client.goto(link.pathname + link.search);
  await client.getByLabel("Password", { exact: true }).fill("a portal password here");
  await client.getByLabel("Password again").fill("a portal password here");
  await client.getByRole("button", { name: "Set password" }).click();
  await expect(client).toHaveURL(/\/portal$/);

  await fakeTenant("disableUser", { id: active.entra_object_id });
  await signIn(page, admin.email, admin.password);
  await syncNow(page, "users");
  await client.reload();
  await expect(client).toHaveURL(/\/portal\/signin$/);
  await client.getByLabel("Email").fill(active.mail);
  await client.getByLabel("Password").fill("a portal password here");
  await client.getByRole("button", { name: "Sign in" }).click();
  await expect(client.getByText("Wrong email or password, or your access to the portal has ended.")).toBeVisible();
  await client.close();
});
