import { expect, test, type Browser } from "@playwright/test";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { checkPage, expectAxeClean } from "./support/check-page";
import { addStaff, resetDatabase, sql } from "./support/database";
import { fakeTenant } from "./support/fake-tenant";
import { signIn } from "./support/sign-in";
import { syncNow } from "./support/sync-now";

// Clients sign in to the portal with their Microsoft work account, through the fake tenant's sign-in page, once a
// superuser has registered the redirect URI the organization's page shows on the connection's app.
test.describe.configure({ mode: "serial" });
test.use({ ignoreHTTPSErrors: true });

const admin = { email: "sam@msp.example", password: "correct horse battery" };
type SyncedClient = { id: string; name: string; objectId: string; userPrincipalName: string };
let organizationId: string;
let client: SyncedClient;
let withoutAccess: SyncedClient;

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
});

/** A browser of its own (no session), with or without JavaScript. */
async function freshBrowser(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, javaScriptEnabled });
  return context.newPage();
}

test("a superuser connects the organization and registers the portal's redirect URI", async ({ page, baseURL }) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/azure");
  await page.getByLabel("Enabled", { exact: true }).check();
  await page.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await page.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  await page.locator("#clientSecret").fill(CONTOSO.goodApp.secret);
  await page
    .getByRole("form", { name: "Azure User Sync settings" })
    .getByRole("button", { name: "Save Changes" })
    .click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await syncNow(page, "users");

  [{ organization_id: organizationId }] = await sql`SELECT organization_id FROM entra_connections`;
  const members = await sql`
    SELECT id, display_name, entra_object_id, user_principal_name FROM clients
    WHERE status = 'active' AND NOT is_external AND mail IS NOT NULL ORDER BY display_name LIMIT 2`;
  [client, withoutAccess] = members.map((row) => ({
    id: row.id,
    name: row.display_name,
    objectId: row.entra_object_id,
    userPrincipalName: row.user_principal_name,
  }));
  await sql`INSERT INTO portal_accounts (client_id) VALUES (${client.id})`;

  await checkPage(page, `/settings/organizations/${organizationId}`);
  const section = page.getByRole("region", { name: "Client portal sign-in" });
  await expect(section.getByTestId("portal-sign-in-state")).toHaveText(
    /^Off until the redirect URI below is registered/,
  );
  const redirectUri = `${baseURL}/portal/signin/microsoft/callback`;
  await expect(section.getByTestId("portal-redirect-uri")).toHaveText(redirectUri);
  // What the administrator does in Entra: register that exact value on the connection's app.
  await fakeTenant("setRedirectUris", { clientId: CONTOSO.goodApp.clientId, redirectUris: [redirectUri] });
  await section.getByLabel("I registered this redirect URI on that app").check();
  await expect(section.getByLabel("Clients sign in to the portal with Microsoft")).toBeChecked();
  await section.getByRole("button", { name: "Save portal sign-in" }).click();
  await expect(section.getByText("Saved.")).toBeVisible();
  await expect(section.getByTestId("portal-sign-in-state")).toHaveText(/^On: this organization's synced clients/);
});

test("a client signs in with Microsoft from the invitation's link, and their page says so", async ({
  browser,
  page,
}) => {
  const portal = await freshBrowser(browser, true);
  await checkPage(portal, `/portal/signin?organization=${organizationId}`);
  await portal.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await expect(portal.getByRole("heading", { name: "Pick an account" })).toBeVisible();
  await portal.getByLabel("Find a user").fill(client.userPrincipalName);
  await portal.getByRole("button", { name: "Search" }).click();
  await portal.getByRole("button", { name: new RegExp(client.userPrincipalName) }).click();
  await expect(portal).toHaveURL(/\/portal$/);
  await expect(portal.getByRole("heading", { level: 1 })).toHaveText(client.name);
  await expectAxeClean(portal, "/portal after Sign in with Microsoft");
  await portal.context().close();

  await signIn(page, admin.email, admin.password);
  await page.goto(`/clients/${client.id}`);
  await expect(page.getByTestId("portal-status")).toContainText("Active since");
  await expect(page.getByTestId("portal-microsoft-sign-in")).toContainText("Last signed in with Microsoft on");
});

test("a work address finds its organization's tenant: the sign-in page sends the person to Microsoft", async ({
  browser,
}) => {
  const portal = await freshBrowser(browser, true);
  await checkPage(portal, "/portal/signin");
  await portal.getByLabel("Work email").fill(`someone@${CONTOSO.domain}`);
  await portal.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await expect(portal.getByRole("heading", { name: "Pick an account" })).toBeVisible();

  await portal.goto("/portal/signin");
  await portal.getByLabel("Work email").fill("someone@unconnected.example");
  await portal.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await expect(portal.getByText("Sign in with Microsoft is not available for this address")).toBeVisible();
  await portal.context().close();
});

test("someone with no portal access gets the plain refusal page, with JavaScript off", async ({ browser, page }) => {
  const visitor = await freshBrowser(browser, false);
  await visitor.goto(`/portal/signin?organization=${organizationId}`);
  await visitor.getByRole("button", { name: "Sign in with Microsoft" }).click();
  await visitor.getByLabel("Find a user").fill(withoutAccess.userPrincipalName);
  await visitor.getByRole("button", { name: "Search" }).click();
  await visitor.getByRole("button", { name: new RegExp(withoutAccess.userPrincipalName) }).click();
  await expect(visitor).toHaveURL(/\/portal\/signin\/refused$/);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("You are not signed in");
  await visitor.goto("/portal");
  await expect(visitor).toHaveURL(/\/portal\/signin$/);
  await visitor.context().close();
  // axe runs as a script in the page, so the refusal page is checked in a browser with JavaScript.
  await checkPage(page, "/portal/signin/refused");
});
