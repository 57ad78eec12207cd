import { expect, test, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import { CONTOSO } from "../../tests/fake-entra/default-tenants";
import { addStaff, sql } from "../support/database";
import { signIn } from "../support/sign-in";
import { syncNow } from "../support/sync-now";

// Pictures of the pages a help desk lives in, at a laptop's and a phone's width, for the README: a superuser
// connects the fake tenant, syncs its users and devices, and one synced client signs in to the portal. The fake's
// Chinese, Japanese and Korean names need a CJK font on the machine (Debian: fonts-wqy-microhei), or they show as boxes.
const folder = "docs/screenshots";
const widths = [
  { name: "1280", viewport: { width: 1280, height: 800 } },
  { name: "390", viewport: { width: 390, height: 844 } },
];
const admin = { name: "Sam Admin", email: "sam@msp.example", password: "correct horse battery" };
const portalPassword = "portal password please";

async function connectAndSync(page: Page) {
  await page.goto("/settings/azure");
  await page.getByLabel("Enabled", { exact: true }).check();
  await page.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await page.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  await page.locator("#clientSecret").fill(CONTOSO.goodApp.secret);
  await page.getByRole("form", { name: "Azure User Sync settings" }).getByRole("button", { name: /^Save/ }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await syncNow(page, "users");
  await syncNow(page, "devices");
}

/** A synced client who owns a device, given a portal password: the client page and the portal show both. */
async function clientWithDevice() {
  const [client] = await sql`
    SELECT c.id, c.mail, c.organization_id FROM clients c JOIN devices d ON d.owner_client_id = c.id
    WHERE c.status = 'active' AND c.mail IS NOT NULL ORDER BY c.display_name LIMIT 1`;
  const hash = await bcrypt.hash(portalPassword, 4);
  await sql`INSERT INTO portal_accounts (client_id, status, password_hash, activated_at) VALUES (${client.id}, 'active', ${hash}, now())`;
  return client as { id: string; mail: string; organization_id: string };
}

async function shoot(page: Page, path: string, name: string, width: string) {
  await page.goto(path);
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `${folder}/${name}-${width}.png` });
}

test("screenshots of the clients, a client, the devices, an organization and the portal", async ({ browser }) => {
  await addStaff(admin.name, admin.email, admin.password, "superuser");
  const setup = await browser.newPage();
  await signIn(setup, admin.email, admin.password);
  await connectAndSync(setup);
  await setup.close();
  const client = await clientWithDevice();

  for (const { name: width, viewport } of widths) {
    const staff = await browser.newPage({ viewport });
    await signIn(staff, admin.email, admin.password);
    await shoot(staff, "/clients", "clients", width);
    await shoot(staff, `/clients/${client.id}`, "client", width);
    await shoot(staff, "/devices", "devices", width);
    await shoot(staff, `/settings/organizations/${client.organization_id}/microsoft-azure`, "organization", width);
    await staff.close();

    const portal = await browser.newPage({ viewport });
    await portal.goto("/portal/signin");
    await portal.getByLabel("Email").fill(client.mail);
    await portal.getByLabel("Password").fill(portalPassword);
    await portal.getByRole("button", { name: "Sign in" }).click();
    await expect(portal).toHaveURL(/\/portal$/);
    await shoot(portal, "/portal", "portal", width);
    await portal.close();
  }
});
