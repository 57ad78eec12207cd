import { expect, test, type Locator, type Page } from "@playwright/test";
import { createHash } from "node:crypto";
import bcrypt from "bcryptjs";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { checkPage } from "./support/check-page";
import { addStaff, organizationId, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";

// Every staff and portal page once, at the width of a laptop screen, holding names of 120 characters:
// none is wider than the window, and axe-core finds no serious or critical problem on any.
test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 1280, height: 800 } });

const long = (start: string) => (start + "-Verylongdoublebarrelledsurnamewithoutspaces").padEnd(120, "x").slice(0, 120);
const admin = { name: long("Samantha Administrator"), email: "sam@msp.example", password: "correct horse battery" };
const client = {
  name: long("Maximiliane Alexandrina"),
  mail: `${"m".repeat(100)}@contoso.example`,
  password: "portal password please",
};
const ids: Record<string, string> = {};
const inviteToken = (name: string) => `layout-${name}-token`;
const tokenHash = (token: string) => createHash("sha256").update(token).digest("hex");

test.beforeAll(async () => {
  await resetDatabase();
});

test("the first-run page holds and passes axe", async ({ page }) => {
  await checkPage(page, "/setup");
});

test("every staff page holds a 120-character name and passes axe", async ({ page }) => {
  await addStaff(admin.name, admin.email, admin.password, "superuser");
  await addStaff(long("Terence Technician"), `${"t".repeat(90)}@msp.example`, "technician password", "technician");
  const [technician] = await sql`SELECT id FROM staff_users WHERE role = 'technician'`;
  const [connection] = await sql`
    INSERT INTO entra_connections (organization_id, name, client_id, tenant_id)
    VALUES (${await organizationId()}, 'Contoso', ${CONTOSO.goodApp.clientId}, ${CONTOSO.tenantId}) RETURNING id`;
  const [synced] = await sql`
    INSERT INTO clients (organization_id, display_name, mail, user_principal_name, company_name, department, job_title, source, connection_id, entra_object_id)
    VALUES (${await organizationId()}, ${client.name}, ${client.mail}, ${client.mail}, ${long("Contoso Holdings")}, ${long("Department of")}, ${long("Head of")}, 'azure', ${connection.id}, 'entra-1')
    RETURNING id`;
  const [handMade] = await sql`
    INSERT INTO clients (organization_id, display_name, mail, company_name, notes, source) VALUES (${await organizationId()}, ${long("Hand Made")}, 'hand@contoso.example', ${long("Company")}, ${long("Notes")}, 'manual')
    RETURNING id`;
  const [device] = await sql`
    INSERT INTO devices (organization_id, display_name, operating_system, operating_system_version, owner_client_id, source, connection_id, entra_object_id, last_sign_in_at)
    VALUES (${await organizationId()}, ${long("LAPTOP")}, 'MacMDM', '15.0.1', ${synced.id}, 'azure', ${connection.id}, 'device-1', now())
    RETURNING id`;
  await sql`
    INSERT INTO sync_runs (connection_id, kind, trigger, status, requested_by_name, started_at, finished_at, counts, error_message)
    VALUES (${connection.id}, 'users', 'manual', 'succeeded', ${admin.name}, now(), now(), '{"created": 2}', NULL),
           (${connection.id}, 'devices', 'scheduled', 'failed', NULL, now(), now(), NULL, ${long("The token was refused")})`;
  Object.assign(ids, { synced: synced.id, handMade: handMade.id, device: device.id });

  await signIn(page, admin.email, admin.password);
  const pages = [
    "/clients",
    `/clients?q=${encodeURIComponent(client.name.slice(0, 20))}`,
    "/clients?status=disabled",
    `/clients/${synced.id}`,
    `/clients/${handMade.id}`,
    "/clients/new",
    "/clients/import",
    "/devices",
    `/devices/${device.id}`,
    "/account",
    "/settings",
    "/settings/azure",
    "/settings/azure/microsoft-azure",
    "/settings/azure/runs",
    "/settings/staff",
    "/settings/sign-in",
    "/settings/organizations",
    `/settings/staff/${technician.id}`,
    "/settings/audit",
    "/settings/alerts",
    "/settings/mail",
  ];
  for (const path of pages) await checkPage(page, path);
});

test("every portal page holds a 120-character name and passes axe", async ({ page }) => {
  const hash = await bcrypt.hash(client.password, 4);
  await sql`INSERT INTO portal_accounts (client_id, status, password_hash, activated_at) VALUES (${ids.synced}, 'active', ${hash}, now())`;
  await sql`
    INSERT INTO portal_invitations (client_id, email, token_hash, expires_at)
    VALUES (${ids.handMade}, 'hand@contoso.example', ${tokenHash(inviteToken("valid"))}, now() + interval '1 day'),
           (${ids.handMade}, 'hand@contoso.example', ${tokenHash(inviteToken("expired"))}, now() - interval '1 day')`;
  for (const path of [
    "/portal/signin",
    `/portal/accept?token=${inviteToken("valid")}`,
    `/portal/accept?token=${inviteToken("expired")}`,
  ]) {
    await checkPage(page, path);
  }
  await page.goto("/portal/signin");
  await page.getByLabel("Email").fill(client.mail);
  await page.getByLabel("Password").fill(client.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("cell", { name: /^LAPTOP/ })).toBeVisible();
  await checkPage(page, "/portal");
});

/** Presses Tab until `target` has the focus, as someone without a mouse does. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 60; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test("with the keyboard alone: Settings → Azure User Sync → Save Changes → Microsoft Azure → Test connection → Sync users now", async ({
  page,
}) => {
  // The rows made up above are not in the fake tenant: a sync would count them as removed.
  await sql`DELETE FROM sync_runs`;
  await sql`DELETE FROM devices`;
  await sql`DELETE FROM clients WHERE source = 'azure'`;
  await signIn(page, admin.email, admin.password);
  await tabTo(page, page.getByRole("link", { name: "Settings" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  await tabTo(page, page.getByRole("link", { name: "Azure User Sync" }));
  await page.keyboard.press("Enter");

  const form = page.getByRole("form", { name: "Azure User Sync settings" });
  // Arrow keys move within a radio group; the group is one Tab stop.
  await tabTo(page, form.getByRole("radio", { name: "Disabled" }));
  await page.keyboard.press("ArrowLeft");
  await expect(form.getByRole("radio", { name: "Enabled" })).toBeChecked();
  await tabTo(page, form.getByLabel("Client secret", { exact: true }));
  await page.keyboard.type(CONTOSO.goodApp.secret);
  await tabTo(page, form.getByRole("button", { name: "Save Changes" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Changes saved." })).toBeVisible();

  await tabTo(page, page.getByRole("link", { name: "Microsoft Azure", exact: true }));
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("button", { name: "Test connection" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Token obtained")).toBeVisible({ timeout: 20_000 });
  await tabTo(page, page.getByRole("button", { name: "Sync users now" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("Sync requested.")).toBeVisible();
  // The tab refreshes itself while the run is queued or running.
  await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users: Succeeded", { timeout: 30_000 });
});

test("the admin consent link appears only for a well-formed tenant and client ID", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/azure");
  const form = page.getByRole("form", { name: "Azure User Sync settings" });
  await expect(page.getByTestId("consent-link")).toHaveAttribute(
    "href",
    new RegExp(`/${CONTOSO.tenantId}/adminconsent\\?client_id=${CONTOSO.goodApp.clientId}$`),
  );
  const malformed = [
    { tenant: "contoso", client: CONTOSO.goodApp.clientId },
    { tenant: "https://contoso.onmicrosoft.com", client: CONTOSO.goodApp.clientId },
    { tenant: CONTOSO.tenantId, client: "0b5d7c2e-4f1a" },
  ];
  for (const ids of malformed) {
    await form.getByLabel("Directory (tenant) ID").fill(ids.tenant);
    await form.getByLabel("Application (client) ID").fill(ids.client);
    await expect(page.getByTestId("consent-link"), JSON.stringify(ids)).toHaveCount(0);
  }
  await form.getByLabel("Directory (tenant) ID").fill(CONTOSO.domain);
  await form.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await expect(page.getByTestId("consent-link")).toHaveAttribute(
    "href",
    new RegExp(`/${CONTOSO.domain}/adminconsent\\?client_id=`),
  );
});
