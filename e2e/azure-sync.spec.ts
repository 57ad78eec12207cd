import { expect, test } from "@playwright/test";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { inngestStandIn } from "../playwright.config";
import { addStaff, resetDatabase, sql } from "./support/database";
import { fakeTenant, firstEnabledMember } from "./support/fake-tenant";
import { signIn } from "./support/sign-in";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", "sam@msp.example", "correct horse battery", "superuser");
});

test("from Sync users now to the client list: the job engine runs the sync and the clients appear", async ({
  page,
  request,
}) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
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

  await page.getByRole("link", { name: "Microsoft Azure" }).click();
  await expect(page.getByTestId("job-engine-warning")).toHaveCount(0);
  await page.getByRole("button", { name: "Sync users now" }).click();
  await expect(page.getByText("Sync requested.")).toBeVisible();
  // The tab refreshes itself while the run is queued or running.
  await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users: Succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("last-run-users")).toContainText(/\d+ created/);
  expect((await (await request.get(`${inngestStandIn.control}/idle`)).json()).delivered.at(-1)).toEqual({
    name: "azure/users.sync-requested",
  });

  const member = await firstEnabledMember();
  await page.getByRole("link", { name: "Clients" }).click();
  await expect(page.getByTestId("result-count")).toContainText("clients");
  await page.getByLabel("Search").fill(member.displayName);
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("link", { name: member.displayName }).first().click();
  await expect(page.getByText("Synced from Microsoft Entra")).toBeVisible();
  await expect(page.getByText(member.id)).toBeVisible();

  await page.goto("/settings/azure/runs");
  await expect(page.getByTestId("run-status").first()).toHaveText("Succeeded");
  await expect(page.getByRole("cell", { name: "Sam Admin" })).toBeVisible();
});

test("Sync devices now brings the devices, linked to their owners", async ({ page }) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
  await page.goto("/settings/azure/microsoft-azure");
  await page.getByRole("button", { name: "Sync devices now" }).click();
  await expect(page.getByTestId("last-run-devices")).toContainText("Last sync of devices: Succeeded", {
    timeout: 30_000,
  });
  await page.getByRole("link", { name: "Devices" }).click();
  await expect(page.getByTestId("result-count")).toContainText("of 20 devices");
  // The fake tenant reports Macs as Graph does ("MacMDM"); the list says what people say.
  const [{ macs }] = await sql`SELECT count(*)::int AS macs FROM devices WHERE operating_system = 'MacMDM'`;
  expect(macs).toBeGreaterThan(0);
  await expect(page.getByRole("cell", { name: /^macOS \d/ })).toHaveCount(macs);
  await expect(page.getByText("MacMDM")).toHaveCount(0);
  await page.getByLabel("Operating system").selectOption("macOS");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("result-count")).toHaveText(`1–${macs} of ${macs} device${macs === 1 ? "" : "s"}`);
  await page.goto("/devices");
  // The owner's cell: the fourth, after the row's tick, its name and its operating system.
  const ownerLink = page.locator("tbody tr td:nth-child(4) a").first();
  const ownerName = await ownerLink.innerText();
  await ownerLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(ownerName);
});

test("a sync that would remove more than 10% of the clients waits for review; Apply anyway removes them", async ({
  page,
}) => {
  const members =
    await sql`SELECT entra_object_id, display_name FROM clients WHERE status = 'active' ORDER BY display_name LIMIT 6`;
  for (const member of members) await fakeTenant("hardDeleteUser", { id: member.entra_object_id });

  await signIn(page, "sam@msp.example", "correct horse battery");
  await page.goto("/settings/azure/microsoft-azure");
  await page.getByRole("button", { name: "Sync users now" }).click();
  await expect(page.getByText("Sync requested.")).toBeVisible();
  await page.request.get(`${inngestStandIn.control}/idle`);
  await page.reload();
  await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users: Needs review");
  await expect(page.getByTestId("last-run-users")).toContainText("Nothing was disabled or removed.");
  const [{ removed }] = await sql`SELECT count(*)::int AS removed FROM clients WHERE status = 'removed'`;
  expect(removed).toBe(0);

  await page.getByRole("link", { name: "Review it" }).click();
  await expect(page.getByTestId("review-note").first()).toContainText("would disable 0 and remove 6");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Apply anyway" }).click();
  await expect(page.getByTestId("review-note").first()).toContainText(
    "Applied anyway by Sam Admin: 0 disabled, 6 removed.",
  );
  await expect(page.getByTestId("run-status").first()).toHaveText("Succeeded");
  const names = (await sql`SELECT display_name FROM clients WHERE status = 'removed' ORDER BY display_name`).map(
    (r) => r.display_name,
  );
  expect(names).toEqual(members.map((m) => m.display_name));
});

test("Cancel sync stops a running sync: it shows as cancelled, and the next sync runs normally", async ({ page }) => {
  // Graph answers slowly, so the sync is still listing when Cancel sync is clicked.
  await fakeTenant("setLatency", { ms: 4000, target: "graph" });
  await signIn(page, "sam@msp.example", "correct horse battery");
  await page.goto("/settings/azure/microsoft-azure");
  await page.getByRole("button", { name: "Sync users now" }).click();
  const lastRun = page.getByTestId("last-run-users");
  await expect(lastRun).toContainText(/Last sync of users: (Queued|Running)/);
  page.once("dialog", (dialog) => dialog.accept());
  await lastRun.getByRole("button", { name: "Cancel sync" }).click();
  await expect(lastRun).toContainText("Last sync of users: Cancelled");
  await expect(lastRun).toContainText("Cancelled by Sam Admin.");
  await expect(lastRun.getByRole("button", { name: "Cancel sync" })).toHaveCount(0);

  await page.request.get(`${inngestStandIn.control}/idle`);
  await page.goto("/settings/azure/runs");
  await expect(page.getByTestId("run-status").first()).toHaveText("Cancelled");
  await expect(page.getByText("Cancelled by Sam Admin.")).toBeVisible();

  await fakeTenant("clearFaults");
  await page.goto("/settings/azure/microsoft-azure");
  await page.getByRole("button", { name: "Sync users now" }).click();
  await expect(page.getByText("Sync requested.")).toBeVisible();
  await expect(lastRun).toContainText("Last sync of users: Succeeded", { timeout: 30_000 });
});
