import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { addStaff, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";
import { fakeTenant, type FakeUser } from "./support/fake-tenant";
import { checkPage } from "./support/check-page";

// Every record tells its story: a client removed by a real sync says why on its page and links the run, and the
// run's own page lists what it did, filtered by reason and exported.
test.describe.configure({ mode: "serial" });

const admin = { email: "sam@msp.example", password: "correct horse battery" };

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
});

async function saveApp(page: Page) {
  await page.goto("/settings/azure");
  const form = page.getByRole("form", { name: "Azure User Sync settings" });
  await form.getByLabel("Enabled", { exact: true }).check();
  await form.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await form.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  await form.locator("#clientSecret").fill(CONTOSO.goodApp.secret);
  await form.getByRole("button", { name: "Save Changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
}

async function syncUsers(page: Page) {
  await page.goto("/settings/azure/microsoft-azure");
  await page.getByRole("button", { name: "Sync users now" }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users: Succeeded");
  }).toPass({ timeout: 30_000 });
}

/** Two enabled members of the fake tenant that the first sync brought in as active clients. */
async function twoSyncedMembers() {
  const found: FakeUser[] = [];
  for (let index = 0; found.length < 2 && index < 60; index++) {
    const id = await fakeTenant<string>("userIdAt", { index });
    const { value: user } = await fakeTenant<{ value: FakeUser }>("getUser", { id });
    const [row] = await sql`SELECT status FROM clients WHERE entra_object_id = ${id}`;
    if (row?.status === "active" && user.displayName) found.push(user);
  }
  return found;
}

test("a client removed by a sync says why and links its run; the run's page filters by reason and exports CSV", async ({
  page,
}) => {
  await signIn(page, admin.email, admin.password);
  await saveApp(page);
  await syncUsers(page);
  const [softDeleted, hardDeleted] = await twoSyncedMembers();
  await fakeTenant("softDeleteUser", { id: softDeleted.id });
  await fakeTenant("hardDeleteUser", { id: hardDeleted.id });
  await syncUsers(page);

  await page.goto("/settings/azure/runs");
  await page.getByRole("link", { name: "2 removed" }).click();
  await expect(page).toHaveURL(/\/settings\/azure\/runs\/[0-9a-f-]+\?action=removed$/);
  const runPath = new URL(page.url()).pathname;
  const changes = page.getByTestId("run-change");
  await expect(changes).toHaveCount(2);
  const softRow = changes.filter({ hasText: softDeleted.displayName });
  await expect(softRow.getByRole("cell").nth(1)).toHaveText("Removed");
  // The words a person sees (innerText): a phone's "Reason:" label is hidden at this width.
  await expect(softRow.getByRole("cell").nth(2)).toHaveText("deleted in Microsoft Entra (restorable for 30 days)", {
    useInnerText: true,
  });

  await page.getByLabel("Reason").selectOption("deleted in Microsoft Entra");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(changes).toHaveCount(1);
  await expect(changes).toContainText(hardDeleted.displayName);
  await expect(changes).toContainText("deleted in Microsoft Entra");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Export CSV" }).click(),
  ]);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe("Name,Action,Reason,Changes,Time");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(",Removed,deleted in Microsoft Entra,,");
  expect(lines[1]).toContain(hardDeleted.displayName);

  const [client] = await sql`SELECT id FROM clients WHERE entra_object_id = ${softDeleted.id}`;
  await page.goto(`/clients/${client.id}`);
  const stateLine = page.getByTestId("state-line");
  await expect(stateLine).toContainText(
    /^Removed on \d{1,2} \w{3} \d{4} by the users sync at \d\d:\d\d UTC: deleted in Microsoft Entra \(restorable for 30 days\)$/,
  );
  const history = page.getByRole("region", { name: "History" });
  await expect(history.getByTestId("history-event").first()).toContainText("Removed: deleted in Microsoft Entra");
  await expect(history.getByTestId("history-event").last()).toContainText("Created from Microsoft Entra");
  await stateLine.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/settings/organizations/[0-9a-f-]+/runs/${runPath.split("/").pop()}$`));
  await expect(page.getByTestId("run-change").filter({ hasText: softDeleted.displayName })).toHaveCount(1);

  await checkPage(page, `/clients/${client.id}`);
  await checkPage(page, `${runPath}?action=removed`);
});
