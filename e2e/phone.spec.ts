import { expect, test, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { checkPage } from "./support/check-page";
import { addStaff, organizationId, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";

// The pages that are not lists, on a phone (390 px) and a laptop (1280 px): the page never scrolls sideways, the
// header's links and buttons are big enough to tap on the phone, and axe-core finds no serious problem.
const admin = { name: "Samantha Administrator", email: "sam@msp.example", password: "correct horse battery" };
const client = { name: "Adele Vance", mail: "adele.vance@contoso.example", password: "portal password please" };
const invitation = "phone-invitation-token";
const ids: Record<string, string> = {};

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff(admin.name, admin.email, admin.password, "superuser");
  await addStaff("Terence Technician", "terence@msp.example", "technician password", "technician");
  const organization = await organizationId("Contoso Holdings");
  const [connection] = await sql`
    INSERT INTO entra_connections (organization_id, name, client_id, tenant_id)
    VALUES (${organization}, 'Contoso', ${CONTOSO.goodApp.clientId}, ${CONTOSO.tenantId}) RETURNING id`;
  const [synced] = await sql`
    INSERT INTO clients (organization_id, display_name, mail, user_principal_name, company_name, department, job_title, source, connection_id, entra_object_id)
    VALUES (${organization}, ${client.name}, ${client.mail}, ${client.mail}, 'Contoso Holdings', 'Retail Operations', 'Retail Manager', 'azure', ${connection.id}, 'entra-1')
    RETURNING id`;
  const [invited] = await sql`
    INSERT INTO clients (organization_id, display_name, mail, company_name, source)
    VALUES (${organization}, 'Miriam Graham', 'miriam.graham@contoso.example', 'Contoso Holdings', 'manual') RETURNING id`;
  const [device] = await sql`
    INSERT INTO devices (organization_id, display_name, operating_system, operating_system_version, owner_client_id, source, connection_id, entra_object_id, last_sign_in_at)
    VALUES (${organization}, 'DESKTOP-ADELE-7F3K2Q9', 'Windows', '10.0.22631.4169', ${synced.id}, 'azure', ${connection.id}, 'device-1', now())
    RETURNING id`;
  const [technician] = await sql`SELECT id FROM staff_users WHERE role = 'technician'`;
  const hash = await bcrypt.hash(client.password, 4);
  await sql`INSERT INTO portal_accounts (client_id, status, password_hash, activated_at) VALUES (${synced.id}, 'active', ${hash}, now())`;
  await sql`
    INSERT INTO portal_invitations (client_id, email, token_hash, expires_at)
    VALUES (${invited.id}, 'miriam.graham@contoso.example', ${createHash("sha256").update(invitation).digest("hex")}, now() + interval '1 day')`;
  Object.assign(ids, { organization, client: synced.id, device: device.id, technician: technician.id });
});

const staffPages = () => [
  `/clients/${ids.client}`,
  `/devices/${ids.device}`,
  "/account",
  "/settings",
  "/settings/staff",
  "/settings/sign-in",
  `/settings/staff/${ids.technician}`,
  "/settings/alerts",
  "/settings/mail",
  "/settings/azure",
  `/settings/organizations/${ids.organization}`,
  `/settings/organizations/${ids.organization}/microsoft-azure`,
  "/settings/organizations/provider-app",
];

/** The page's own width holds in its window (the scroll bar left out), as `checkPage` measured it after opening it. */
async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect.soft(scrollWidth, `${page.url()} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
}

/** Every link and button of the header, with its height: each must be at least 44 px, a finger's width. */
async function shortHeaderTargets(page: Page) {
  return page
    .locator("header")
    .evaluate((header) =>
      [...header.querySelectorAll("a, button")]
        .map((target) => ({ name: target.textContent?.trim(), height: target.getBoundingClientRect().height }))
        .filter((target) => target.height < 44),
    );
}

for (const width of [390, 1280]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: width === 390 ? 844 : 800 } });

    test("the client, device and settings pages hold in the window and pass axe", async ({ page }) => {
      await signIn(page, admin.email, admin.password);
      for (const path of staffPages()) {
        await checkPage(page, path);
        await expectNoSidewaysScroll(page);
        if (width === 390) expect.soft(await shortHeaderTargets(page), `${path}: header targets`).toEqual([]);
      }
    });

    test("the tabs of Azure User Sync fit in the window, each one in reach", async ({ page }) => {
      await signIn(page, admin.email, admin.password);
      await page.goto(`/settings/organizations/${ids.organization}/microsoft-azure`);
      const tabs = page.getByRole("navigation", { name: "Azure User Sync sections" }).getByRole("link");
      await expect(tabs).toHaveText(["Settings", "Microsoft Azure", "Run history"]);
      for (const tab of await tabs.all()) await expect(tab).toBeInViewport({ ratio: 1 });
      await tabs.getByText("Run history").click();
      await expect(page).toHaveURL(/\/runs$/);
    });

    test("the portal's sign-in, invitation and own page hold in the window and pass axe", async ({ page }) => {
      for (const path of ["/portal/signin", `/portal/accept?token=${invitation}`]) {
        await checkPage(page, path);
        await expectNoSidewaysScroll(page);
      }
      await page.goto("/portal/signin");
      await page.getByLabel("Email").fill(client.mail);
      await page.getByLabel("Password").fill(client.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/portal$/);
      await expect(page.getByText("DESKTOP-ADELE-7F3K2Q9")).toBeVisible();
      await checkPage(page, "/portal");
      await expectNoSidewaysScroll(page);
    });
  });
}
