import { expect, test } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { addStaff, organizationId, resetDatabase, sql } from "./support/database";
import { addClient, countClientsWhere, seedDemoData } from "./support/seed";
import { signIn } from "./support/sign-in";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", "sam@msp.example", "correct horse battery", "superuser");
  seedDemoData(180, 90);
  await addClient({ displayName: "Zoë Ångström", mail: "zoe.angstrom@contoso.example" });
});

test.beforeEach(async ({ page }) => {
  await signIn(page, "sam@msp.example", "correct horse battery");
});

const rowsOf = (page: import("@playwright/test").Page) => page.locator("tbody tr");
/** The clients the list shows by default: removed ones are left out. */
const shownClients = async () =>
  (await sql`SELECT count(*)::int AS n FROM clients WHERE status <> 'removed'`)[0].n as number;

test("searching is case- and accent-insensitive: 'zoe angstrom' finds Zoë Ångström", async ({ page }) => {
  await page.getByLabel("Search").fill("zoe angstrom");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("result-count")).toHaveText("1–1 of 1 client");
  await expect(page.getByRole("link", { name: "Next →" })).toHaveCount(0);
  await expect(rowsOf(page).first()).toContainText("Zoë Ångström");
  await page.getByLabel("Search").fill("ZOË.ANGSTROM@CONTOSO");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("link", { name: "Zoë Ångström" })).toBeVisible();
});

test("the status and external filters show only matching clients, with their count", async ({ page }) => {
  await page.getByLabel("Status").selectOption("disabled");
  await page.getByRole("button", { name: "Apply" }).click();
  const disabled = await countClientsWhere("disabled");
  await expect(page.getByTestId("result-count")).toContainText(`of ${disabled} clients`);
  await expect(rowsOf(page)).toHaveCount(disabled);
  await expect(rowsOf(page).filter({ hasNotText: "Disabled" })).toHaveCount(0);

  await page.goto("/clients?external=yes");
  const external = await countClientsWhere("external");
  await expect(page.getByTestId("result-count")).toContainText(`of ${external} clients`);
  await expect(rowsOf(page).filter({ hasNotText: "External" })).toHaveCount(0);
});

test("the list pages through every client 50 at a time", async ({ page }) => {
  const total = await shownClients();
  await expect(page.getByTestId("result-count")).toHaveText(`1–50 of ${total} clients`);
  await expect(rowsOf(page)).toHaveCount(50);
  const firstOnPageOne = await rowsOf(page).first().innerText();
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page.getByTestId("result-count")).toHaveText(`51–100 of ${total} clients`);
  await expect(rowsOf(page).first()).not.toHaveText(firstOnPageOne);
  await expect(page.getByText(`Page 2 of ${Math.ceil(total / 50)}`)).toBeVisible();
});

test("sorting by last update puts the most recently changed client first", async ({ page }) => {
  await sql`UPDATE clients SET updated_at = now() + interval '1 minute' WHERE display_name = 'Zoë Ångström'`;
  await page
    .getByRole("columnheader", { name: /^Last update/ })
    .getByRole("link")
    .click();
  await expect(rowsOf(page).first()).toContainText("Zoë Ångström");
});

test("Export CSV downloads every client of the filtered view, not only one page", async ({ page }) => {
  await page.goto("/clients?status=active");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^vertask-clients-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await readFile(await download.path())).toString("utf8");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toContain("Display name,Given name,Surname,Mail,User principal name");
  expect(lines).toHaveLength((await countClientsWhere("active")) + 1);
  expect(text).toContain("Zoë Ångström");
  expect(lines.slice(1).every((line) => line.includes(",active,"))).toBe(true);
});

test("a client's page shows every field and their devices, each linking to the device", async ({ page }) => {
  const [owner] =
    await sql`SELECT c.id, c.display_name, d.display_name AS device FROM clients c JOIN devices d ON d.owner_client_id = c.id LIMIT 1`;
  await page.goto(`/clients/${owner.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(owner.display_name);
  for (const label of ["User principal name", "Job title", "Department", "Business phones", "Account enabled"]) {
    await expect(page.getByText(label, { exact: true })).toBeVisible();
  }
  await page.getByRole("link", { name: owner.device }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(owner.device);
  await expect(page.getByRole("link", { name: owner.display_name })).toHaveAttribute("href", `/clients/${owner.id}`);
});

test("the device list searches by name, filters by operating system and links each owner", async ({ page }) => {
  await page.getByRole("link", { name: "Devices" }).click();
  await page.getByLabel("Operating system").selectOption("macOS");
  await page.getByRole("button", { name: "Apply" }).click();
  const [{ n }] = await sql`SELECT count(*)::int AS n FROM devices WHERE operating_system = 'macOS'`;
  await expect(page.getByTestId("result-count")).toContainText(`of ${n} devices`);
  await expect(rowsOf(page).filter({ hasNotText: "macOS" })).toHaveCount(0);

  const [device] = await sql`SELECT display_name FROM devices ORDER BY display_name DESC LIMIT 1`;
  await page.goto("/devices");
  await page.getByLabel("Search").fill(device.display_name.toLowerCase());
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(rowsOf(page).first()).toContainText(device.display_name);
});

test("a missing or malformed client or device id is a plain not-found", async ({ page }) => {
  for (const path of ["/clients/not-a-uuid", "/clients/00000000-0000-4000-8000-000000000000", "/devices/nope"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test("a page number past the end shows the last page; a search that finds nothing shows no pager", async ({ page }) => {
  const total = await shownClients();
  const last = Math.ceil(total / 50);
  await page.goto("/clients?status=&page=999");
  await expect(page).toHaveURL(new RegExp(`/clients\\?sort=name&page=${last}$`));
  await expect(page.getByTestId("result-count")).toHaveText(`${(last - 1) * 50 + 1}–${total} of ${total} clients`);
  await expect(page.getByText(`Page ${last} of ${last}`)).toBeVisible();

  await page.goto("/clients?q=nobody-is-called-this");
  await expect(page.getByText("No clients match these filters.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);
  await expect(page.getByText(/0–0|of 0/)).toHaveCount(0);
});

test("← Clients returns to the list with the search, filters and page the client was opened from", async ({ page }) => {
  await page.goto("/clients?status=active&sort=updated&page=2");
  const second = rowsOf(page).nth(1).getByRole("link").first();
  const name = await second.innerText();
  await second.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await page.getByRole("link", { name: "← Clients" }).click();
  await expect(page).toHaveURL(/\/clients\?status=active&sort=updated&page=2$/);
  await expect(page.getByLabel("Status")).toHaveValue("active");
  await expect(page.getByRole("columnheader", { name: /^Last update/ })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByText(/^Page 2 of/)).toBeVisible();
  await expect(rowsOf(page).nth(1)).toContainText(name);
});

test("the device list sorts by last sign-in and exports the filtered view as CSV with ISO 8601 times", async ({
  page,
}) => {
  await page.goto("/devices");
  await page.getByLabel("Operating system").selectOption("Windows");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/os=Windows/);
  await page
    .getByRole("columnheader", { name: /^Last sign-in/ })
    .getByRole("link")
    .click();
  await expect(page).toHaveURL(/os=Windows.*sort=signin&dir=desc/);
  const [latest] = await sql`
    SELECT display_name, last_sign_in_at FROM devices WHERE operating_system = 'Windows'
    ORDER BY last_sign_in_at DESC NULLS LAST, display_name, id LIMIT 1`;
  await expect(rowsOf(page).first()).toContainText(latest.display_name);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^vertask-devices-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile(await download.path()))
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trim()
    .split("\r\n");
  expect(lines[0]).toBe(
    "Display name,Operating system,Version,Owner,Owner mail,Status,Source,Enabled,Managed,Compliant,Trust type,Manufacturer,Model,Device id,Entra object id,Last sign-in,Registered,Created,Updated,Last synced,Organization,Needs attention",
  );
  const [{ n }] = await sql`SELECT count(*)::int AS n FROM devices WHERE operating_system = 'Windows'`;
  expect(lines).toHaveLength(n + 1);
  expect(lines[1]).toContain(`${latest.display_name},Windows,`);
  expect(lines[1]).toContain(`,${(latest.last_sign_in_at as Date).toISOString()},`);
  expect(lines.slice(1).every((line) => line.includes(",Windows,"))).toBe(true);
});

test("a search past 40,000 matches says 'more than 40,000' and pages on with Next; a page past them says so", async ({
  page,
}) => {
  const organization = await organizationId();
  await sql`
    INSERT INTO clients (organization_id, display_name, mail, source)
    SELECT ${organization}, 'Bulk ' || lpad(n::text, 6, '0'), 'bulk' || n || '@contoso.example', 'manual' FROM generate_series(1, 40001) AS n`;
  try {
    await page.goto("/clients?q=bulk");
    await expect(page.getByTestId("result-count")).toHaveText("1–50 of more than 40,000 clients");
    await expect(page.getByText("Page 1", { exact: true })).toBeVisible();
    await page.getByRole("link", { name: "Next →" }).click();
    await expect(page.getByTestId("result-count")).toHaveText("51–100 of more than 40,000 clients");
    await expect(rowsOf(page).first()).toContainText("Bulk 000051");
    await page.goto("/clients?q=bulk&page=900");
    await expect(page.getByText("No clients on this page: back to the first page.")).toBeVisible();
    await page.getByRole("link", { name: "back to the first page" }).click();
    await expect(page.getByTestId("result-count")).toHaveText("1–50 of more than 40,000 clients");
  } finally {
    await sql`DELETE FROM clients WHERE display_name LIKE 'Bulk %'`;
  }
});
