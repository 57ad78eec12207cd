import { expect, test, type Page } from "@playwright/test";
import { FABRIKAM, PROVIDER } from "../tests/fake-entra/default-tenants";
import type { CustomerTenant } from "../tests/fake-entra/customer-tenants";
import { addStaff, resetDatabase, sql } from "./support/database";
import { fakeTenant } from "./support/fake-tenant";
import { signIn } from "./support/sign-in";

test.describe.configure({ mode: "serial" });
// The fake Microsoft consent page is served over HTTPS with the fake's own certificate.
test.use({ ignoreHTTPSErrors: true });

// The app under test is its own address (playwright.config.ts): the provider app must send browsers back there.
const appOrigin = `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`;
let customers: CustomerTenant[] = [];

test.beforeAll(async () => {
  await sql`TRUNCATE organizations, provider_app, record_events CASCADE`;
  await resetDatabase();
  await addStaff("Sam Admin", "sam@msp.example", "correct horse battery", "superuser");
  await fakeTenant("setRedirectUris", { redirectUris: [`${appOrigin}/settings/organizations/consent`] });
  customers = await fakeTenant<CustomerTenant[]>("addTenants", {
    count: 2,
    users: 12,
    devices: 4,
    seed: "e2e-organizations",
  });
});

test.afterAll(async () => {
  await fakeTenant("setRedirectUris", { redirectUris: [...PROVIDER.redirectUris] });
  // The specs after this one expect a single organization and no provider app, as the guide describes.
  await sql`TRUNCATE organizations, provider_app, record_events CASCADE`;
});

/** Adds an organization and chooses the provider's app for it, as a superuser does on its Settings tab. */
async function addOrganizationByProviderApp(page: Page, name: string, primaryDomain = "") {
  await page.goto("/settings/organizations");
  await page.getByRole("link", { name: "Add organization" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Primary domain").fill(primaryDomain);
  await page.getByRole("button", { name: "Add organization" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Azure User Sync settings" });
  await form.getByLabel("The provider's multi-tenant app").check();
  await expect(form.getByLabel("Application (client) ID")).toBeHidden();
  await form.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await expect(page.getByTestId("consent-status")).toContainText("Waiting for consent");
}

/**
 * From the link on the organization's page, through Microsoft's (the fake's) consent page, and back. A link made for
 * a tenant opens that tenant's page; a link for any tenant lets the administrator pick theirs (`tenantId`).
 */
async function followConsentLink(page: Page, button: "Accept" | "Cancel", tenantId?: string) {
  await page.getByRole("button", { name: "Get the admin consent link" }).click();
  await page.getByTestId("admin-consent-link").click();
  if (tenantId) await page.getByLabel("Sign in as administrator of").selectOption(tenantId);
  await page.getByRole("button", { name: button }).click();
  await expect(page.getByTestId("consent-result")).toBeVisible({ timeout: 20_000 });
}

test("the provider app, then an organization's administrator consents: from the link to Connected", async ({
  page,
}) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  await page.goto("/settings");
  await page.getByRole("link", { name: "Organizations" }).click();
  await page.getByRole("link", { name: "Provider app" }).click();
  await expect(page.getByTestId("consent-redirect-uri")).toHaveText(`${appOrigin}/settings/organizations/consent`);
  await page.getByLabel("Application (client) ID").fill(PROVIDER.multiTenantApp.clientId);
  await page.locator("#clientSecret").fill(PROVIDER.multiTenantApp.secret);
  await page.getByRole("button", { name: "Save provider app" }).click();
  await expect(page.getByText("Provider app saved.")).toBeVisible();
  await expect(page.getByTestId("stored-secret")).toContainText(`…${PROVIDER.multiTenantApp.secret.slice(-4)}`);
  await expect(page.locator("#clientSecret")).toHaveValue("");

  // Its primary domain names its tenant: the link is for that tenant alone, and the answer connects at once.
  await addOrganizationByProviderApp(page, "Tailspin Toys", customers[0].domain);
  await followConsentLink(page, "Accept");
  await expect(page).toHaveURL(/\/settings\/organizations\/[0-9a-f-]{36}\?consent=connected$/);
  await expect(page.getByTestId("consent-result")).toContainText("Connected");
  await expect(page.getByTestId("consent-result")).toContainText("Token obtained");
  await expect(page.getByTestId("consent-result")).toContainText("Device.Read.All: granted");
  await expect(page.getByTestId("consent-status")).toContainText(`Consented in tenant ${customers[0].tenantId}`);
});

test("the organization connected by consent syncs from its own Microsoft Azure tab", async ({ page }) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  await page.goto("/settings/organizations");
  await page.getByRole("link", { name: "Tailspin Toys" }).click();
  await page.getByRole("link", { name: "Microsoft Azure" }).click();
  await page.getByRole("button", { name: "Sync users now" }).click();
  await expect(page.getByText("Sync requested.")).toBeVisible();
  // The only organization so far: the tab reads as the guide describes.
  await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users: Succeeded", { timeout: 30_000 });
  const [{ synced }] =
    await sql`SELECT count(*)::int AS synced FROM clients c JOIN organizations o ON o.id = c.organization_id WHERE o.name = 'Tailspin Toys'`;
  expect(synced).toBeGreaterThan(0);
});

test("an administrator who cancels: the organization's page says so in plain words and keeps waiting", async ({
  page,
}) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  await addOrganizationByProviderApp(page, "Woodgrove Bank");
  await followConsentLink(page, "Cancel", customers[1].tenantId);
  await expect(page.getByTestId("consent-result")).toContainText("Not connected");
  await expect(page.getByTestId("consent-result")).toContainText("The administrator declined the consent");
  await expect(page.getByTestId("consent-status")).toContainText("Waiting for consent");
  await expect(page.getByRole("button", { name: "Get the admin consent link" })).toBeVisible();
});

test("the overview lists every organization with its status, and sorts by a column with plain links", async ({
  page,
}) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  await page.goto("/settings/organizations");
  const rows = page.getByTestId("organization-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText("Tailspin Toys");
  await expect(rows.first().getByTestId("organization-status")).toHaveText("Enabled");
  await expect(rows.nth(1).getByTestId("organization-status")).toHaveText("Waiting for consent");
  await expect(rows.first()).toContainText(customers[0].tenantId);

  await page.getByRole("link", { name: /^Organization( [▲▼])?$/ }).click();
  await expect(page).toHaveURL(/sort=name&dir=desc/);
  await expect(rows.first()).toContainText("Woodgrove Bank");
  await page.getByRole("link", { name: /^Status( [▲▼])?$/ }).click();
  await expect(page).toHaveURL(/sort=status&dir=asc/);
  await expect(rows.first()).toContainText("Tailspin Toys");
  await expect(rows.first()).toContainText("Succeeded");

  // With two organizations, the last sync says whose it is, and each organization's run history is its own.
  await rows.first().getByRole("link", { name: "Tailspin Toys" }).click();
  await page.getByRole("link", { name: "Microsoft Azure" }).click();
  await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users for Tailspin Toys: Succeeded");
  await page.getByRole("link", { name: "Run history", exact: true }).click();
  await expect(page.locator("tbody tr")).not.toHaveCount(0);
  // There is no "first one" any more: Settings → Azure User Sync is the organizations list.
  for (const path of ["/settings/azure", "/settings/azure/microsoft-azure", "/settings/azure/runs"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/settings\/organizations$/);
    await expect(page.getByRole("heading", { name: "Organizations", level: 1 })).toBeVisible();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("adding an organization, choosing the provider's app, getting the consent link and renaming all post", async ({
    page,
  }) => {
    await signIn(page, "sam@msp.example", "correct horse battery");
    await page.goto("/settings/organizations/new");
    await page.getByRole("button", { name: "Add organization" }).click();
    await expect(page.locator("#name-error")).toHaveText("Enter the organization's name.");
    await page.getByLabel("Name").fill("tailspin toys");
    await page.getByRole("button", { name: "Add organization" }).click();
    await expect(page.locator("#name-error")).toContainText("An organization named tailspin toys already exists");
    await page.getByLabel("Name").fill("Alpine Ski House");
    await page.getByLabel("Primary domain").fill("alpineskihouse.example");
    await page.getByRole("button", { name: "Add organization" }).click();
    await expect(page.getByRole("heading", { name: "Alpine Ski House", level: 1 })).toBeVisible();

    const form = page.getByRole("form", { name: "Azure User Sync settings" });
    await form.getByLabel("The provider's multi-tenant app").check();
    await form.getByRole("button", { name: "Save Changes" }).click();
    await expect(page.getByText("Changes saved.")).toBeVisible();
    await page.getByRole("button", { name: "Get the admin consent link" }).click();
    await expect(page.getByTestId("admin-consent-link")).toHaveAttribute(
      "href",
      /\/organizations\/v2\.0\/adminconsent\?client_id=.+&state=/,
    );

    const details = page.getByRole("form", { name: "Organization" });
    await details.getByLabel("Name").fill("Alpine Ski House Ltd");
    await details.getByRole("button", { name: "Save name and domain" }).click();
    await expect(page.getByText("Changes saved.")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Alpine Ski House Ltd", level: 1 })).toBeVisible();
  });
});

test("a forged answer on the consent address records nothing and says why", async ({ page }) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  await page.goto(`/settings/organizations/consent?admin_consent=True&tenant=${customers[1].tenantId}&state=forged`);
  await expect(page.getByTestId("consent-refusal")).toContainText("does not come from a link Vertask made");
  const [{ waiting }] =
    await sql`SELECT count(*)::int AS waiting FROM entra_connections WHERE method = 'provider_app' AND client_id IS NULL`;
  expect(waiting).toBe(2);
});

test("the customer's administrator opens the link in a browser not signed in; the superuser confirms the tenant, seeing its verified domains", async ({
  page,
  browser,
}) => {
  const [customer] = await fakeTenant<CustomerTenant[]>("addTenants", {
    count: 1,
    users: 6,
    devices: 2,
    seed: "e2e-own-browser",
  });
  // The provider's app may read the tenant's name and domains (Organization.Read.All, optional).
  const roles = ["User.Read.All", "Device.Read.All", "GroupMember.Read.All"];
  await fakeTenant("setAppPermissions", {
    tenantId: PROVIDER.tenantId,
    clientId: PROVIDER.multiTenantApp.clientId,
    roles: [...roles, "Organization.Read.All"],
  });
  try {
    await signIn(page, "sam@msp.example", "correct horse battery");
    await addOrganizationByProviderApp(page, "Adventure Works", "adventure-works.example");
    await page.getByRole("button", { name: "Get the admin consent link" }).click();
    const link = await page.getByTestId("admin-consent-link").getAttribute("href");
    expect(link).toContain("/organizations/v2.0/adminconsent?");
    const administrators = await browser.newContext({ ignoreHTTPSErrors: true });
    const theirs = await administrators.newPage();
    await theirs.goto(link!);
    await theirs.getByLabel("Sign in as administrator of").selectOption(customer.tenantId);
    await theirs.getByRole("button", { name: "Accept" }).click();
    await expect(theirs.getByRole("heading", { name: "Thank you: consent received" })).toBeVisible({ timeout: 20_000 });
    // Their page names nothing of the provider's organizations.
    await expect(theirs.locator("body")).not.toContainText("Adventure Works");
    await administrators.close();

    await page.reload();
    const result = page.getByTestId("consent-result");
    await expect(result).toContainText(`Consent received from tenant ${customer.tenantId}: confirm`);
    const tenant = page.getByTestId("consent-tenant");
    await expect(tenant).toContainText(customer.displayName);
    await expect(tenant).toContainText(customer.domain);
    await expect(tenant).toContainText("adventure-works.example (not among the tenant's verified domains)");
    await expect(page.getByTestId("consent-status")).toContainText("Waiting for consent");
    const [{ enabled }] =
      await sql`SELECT c.enabled FROM entra_connections c JOIN organizations o ON o.id = c.organization_id WHERE o.name = 'Adventure Works'`;
    expect(enabled).toBe(false);

    await page.getByRole("button", { name: /^Confirm tenant/ }).click();
    await expect(page).toHaveURL(/\?consent=confirmed$/, { timeout: 20_000 });
    await expect(result).toContainText("Connected");
    await expect(result).toContainText("Device.Read.All: granted");
    await expect(page.getByTestId("consent-status")).toContainText(`Consented in tenant ${customer.tenantId}`);
    await expect(page.getByRole("radio", { name: "Enabled" })).toBeChecked();
  } finally {
    await fakeTenant("setAppPermissions", {
      tenantId: PROVIDER.tenantId,
      clientId: PROVIDER.multiTenantApp.clientId,
      roles,
    });
  }
});

test("an answer rewritten with another tenant, from a browser not signed in: nothing recorded, and both pages say why", async ({
  page,
  browser,
}) => {
  const [own, other] = await fakeTenant<CustomerTenant[]>("addTenants", {
    count: 2,
    users: 4,
    devices: 1,
    seed: "e2e-wrong-tenant",
  });
  await signIn(page, "sam@msp.example", "correct horse battery");
  await addOrganizationByProviderApp(page, "Wingtip Toys", own.domain);
  await page.getByRole("button", { name: "Get the admin consent link" }).click();
  const link = new URL((await page.getByTestId("admin-consent-link").getAttribute("href"))!);
  expect(link.pathname).toBe(`/${own.tenantId}/v2.0/adminconsent`);

  // Whoever holds the link answers it by hand, naming another customer's tenant.
  const holders = await browser.newContext();
  const theirs = await holders.newPage();
  await theirs.goto(
    `/settings/organizations/consent?admin_consent=True&tenant=${other.tenantId}&state=${link.searchParams.get("state")}`,
  );
  await expect(theirs.getByRole("heading", { name: "Consent not recorded" })).toBeVisible();
  await expect(theirs.getByTestId("consent-answer")).toContainText(
    "made for another Microsoft Entra tenant than the one that answered",
  );
  await expect(theirs.locator("body")).not.toContainText("Wingtip");
  // Only the page's own outcomes are words it shows: a made-up one is the plain page.
  await theirs.goto("/consent-answer?outcome=__proto__&refusal=constructor");
  await expect(theirs.getByRole("heading", { name: "Admin consent", level: 1 })).toBeVisible();
  await holders.close();

  await page.reload();
  await expect(page.getByTestId("consent-status")).toContainText("Waiting for consent");
  await expect(page.getByTestId("consent-result")).toContainText("Answer refused");
  await expect(page.getByTestId("consent-result")).toContainText(
    `The link was made for tenant ${own.tenantId}, and the answer came from tenant ${other.tenantId}: nothing was recorded.`,
  );
  // The refusal did not use the link.
  await expect(page.getByTestId("consent-open-link")).toContainText(`for tenant ${own.tenantId} only`);
});

test("a second organization, by its own app registration, syncs from its own tab: each organization keeps its own clients", async ({
  page,
}) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  const [{ tailspinBefore }] =
    await sql`SELECT count(*)::int AS "tailspinBefore" FROM clients c JOIN organizations o ON o.id = c.organization_id WHERE o.name = 'Tailspin Toys'`;
  await page.goto("/settings/organizations/new");
  await page.getByLabel("Name").fill("Fabrikam");
  await page.getByRole("button", { name: "Add organization" }).click();
  await expect(page.getByRole("heading", { name: "Fabrikam", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: "Azure User Sync settings" });
  await form.getByLabel("Its own app registration").check();
  await form.getByLabel("Enabled").check();
  await form.getByLabel("Application (client) ID").fill(FABRIKAM.goodApp.clientId);
  await form.getByLabel("Directory (tenant) ID").fill(FABRIKAM.tenantId);
  await page.locator("#clientSecret").fill(FABRIKAM.goodApp.secret);
  await form.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();

  await page.getByRole("link", { name: "Microsoft Azure" }).click();
  await page.getByRole("button", { name: "Sync users now" }).click();
  await expect(page.getByText("Sync requested.")).toBeVisible();
  await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users for Fabrikam: Succeeded", {
    timeout: 30_000,
  });
  const counts =
    await sql`SELECT o.name, count(c.id)::int AS clients FROM organizations o LEFT JOIN clients c ON c.organization_id = o.id GROUP BY o.name`;
  const clientsOf = (name: string) => counts.find((row) => row.name === name)?.clients ?? 0;
  expect(clientsOf("Fabrikam")).toBeGreaterThan(0);
  expect(clientsOf("Tailspin Toys")).toBe(tailspinBefore);
});
