import { expect, test, type Browser, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { startSmtpInbox, type Inbox } from "../tests/support/smtp-inbox";
import { inngestStandIn, smtpPort } from "../playwright.config";
import { checkPage } from "./support/check-page";
import { addStaff, organizationId, resetDatabase, sql } from "./support/database";
import { addClient, seedDemoData } from "./support/seed";
import { signIn } from "./support/sign-in";
import { cellsBrokenInsideAWord } from "./support/word-breaks";

// The lists a help desk lives in (clients, devices, runs, audit, organizations): sorted by their headings, filtered
// as they change, removed records out of the way, bulk actions on ticked rows; a dense table at 1280 px and cards
// at 390 px. Each with JavaScript and without, where it matters.
test.describe.configure({ mode: "serial" });

const admin = { email: "sam@msp.example", password: "correct horse battery" };
let inbox: Inbox;
let organization: string;

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
  seedDemoData(120, 60);
  organization = await organizationId();
  await sql`UPDATE clients SET status = 'active' WHERE status = 'removed'`;
  await addClient({ displayName: "Rhea Removed", mail: "rhea@contoso.example", status: "removed" });
  await addClient({ displayName: "Remy Removed", mail: "remy@contoso.example", status: "removed" });
  const owner = await addClient({ displayName: "Ottilie Ownerton", mail: "ottilie@contoso.example" });
  await sql`
    INSERT INTO devices (organization_id, display_name, operating_system, owner_client_id, source)
    VALUES (${organization}, 'KIOSK-7781', 'Windows', ${owner}, 'manual')`;
  // The demo data's organization may already hold a connection; its runs are what the run history lists.
  const [connection] = await sql`
    INSERT INTO entra_connections (organization_id, name, client_id, tenant_id)
    VALUES (${organization}, 'Contoso', ${CONTOSO.goodApp.clientId}, ${CONTOSO.tenantId})
    ON CONFLICT (organization_id) DO UPDATE SET name = entra_connections.name RETURNING id`;
  await sql`
    INSERT INTO sync_runs (connection_id, kind, trigger, status, requested_by_name, queued_at, started_at, finished_at, counts)
    VALUES (${connection.id}, 'users', 'manual', 'succeeded', 'Sam Admin', now() - interval '2 hours', now() - interval '2 hours', now(), '{"created": 2}'),
           (${connection.id}, 'devices', 'scheduled', 'failed', NULL, now() - interval '1 hour', now() - interval '1 hour', now(), NULL)`;
  await sql`
    INSERT INTO audit_events (actor_name, action, summary)
    VALUES ('Sam Admin', 'staff.added', 'Added Terry Technician as a technician'),
           ('Ava Auditor', 'portal.access.revoked', 'Revoked portal access of Rhea Removed')`;
  inbox = await startSmtpInbox(smtpPort);
});
test.afterAll(() => inbox?.close());

const listPages = () => [
  "/clients",
  "/devices",
  "/settings/azure/runs",
  `/settings/organizations/${organization}/runs`,
  "/settings/audit",
  "/settings/organizations",
];
const rowsOf = (page: Page) => page.locator("main tbody tr");
const shownClients = async () =>
  (await sql`SELECT count(*)::int AS n FROM clients WHERE status <> 'removed'`)[0].n as number;

async function signedIn(browser: Browser, javaScriptEnabled: boolean, width = 1280) {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signIn(page, admin.email, admin.password);
  return page;
}

for (const width of [1280, 390]) {
  test(`at ${width} px every list holds in the window, breaks no word and passes axe`, async ({ browser }) => {
    const page = await signedIn(browser, true, width);
    for (const path of listPages()) {
      await checkPage(page, path);
      expect.soft(await cellsBrokenInsideAWord(page), `${path} at ${width} px`).toEqual([]);
    }
    if (width === 1280) {
      // Dense rows: a client's row is one line, as tall as its name.
      await page.goto("/clients");
      const row = rowsOf(page).first();
      const [rowBox, nameBox] = [await row.boundingBox(), await row.getByRole("link").first().boundingBox()];
      expect(rowBox!.height).toBeLessThan(nameBox!.height * 2.2);
    } else {
      // Cards: name, status and two fields, each tick a 44 px target.
      await page.goto("/clients");
      const card = rowsOf(page).first();
      await expect(card.locator("td:visible")).toHaveCount(5);
      const tick = await card.getByRole("checkbox").locator("..").boundingBox();
      expect(tick!.width).toBeGreaterThanOrEqual(44);
      expect(tick!.height).toBeGreaterThanOrEqual(44);
    }
    await page.context().close();
  });
}

for (const javaScriptEnabled of [true, false]) {
  test(`a column heading sorts the list, both ways, ${javaScriptEnabled ? "with" : "without"} JavaScript`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, javaScriptEnabled);
    const [last] =
      await sql`SELECT display_name FROM clients WHERE status <> 'removed' ORDER BY display_name DESC, id DESC LIMIT 1`;
    const name = page.getByRole("columnheader", { name: /^Name/ });
    await expect(name).toHaveAttribute("aria-sort", "ascending");
    await name.getByRole("link").click();
    await expect(page).toHaveURL(/\/clients\?sort=name&dir=desc$/);
    await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "descending");
    await expect(rowsOf(page).first()).toContainText(last.display_name);

    await sql`UPDATE clients SET updated_at = now() + interval '1 minute' WHERE display_name = 'Ottilie Ownerton'`;
    await page
      .getByRole("columnheader", { name: /^Last update/ })
      .getByRole("link")
      .click();
    await expect(page).toHaveURL(/sort=updated&dir=desc$/);
    await expect(rowsOf(page).first()).toContainText("Ottilie Ownerton");
    await expect(page.getByRole("columnheader", { name: /^Name/ })).not.toHaveAttribute("aria-sort", /./);
    await page.context().close();
  });

  test(`filters apply ${javaScriptEnabled ? "as they change" : "with Apply, without JavaScript"} and keep the sort`, async ({
    browser,
  }) => {
    const page = await signedIn(browser, javaScriptEnabled);
    await page.goto("/clients?sort=name&dir=desc");
    const [{ n: disabled }] = await sql`SELECT count(*)::int AS n FROM clients WHERE status = 'disabled'`;
    await page.getByLabel("Status").selectOption("disabled");
    if (!javaScriptEnabled) await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/status=disabled/);
    await expect(page).toHaveURL(/dir=desc/);
    await expect(page.getByTestId("list-total")).toHaveText(`${disabled} clients · 1 filter`);
    await expect(rowsOf(page).filter({ hasNotText: "Disabled" })).toHaveCount(0);
    await page.context().close();
  });
}

test("the total is at the top; removed clients are hidden until Show removed", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  const shown = await shownClients();
  await expect(page.getByTestId("list-total")).toHaveText(`${shown.toLocaleString("en")} clients`);
  await page.getByLabel("Search").fill("removed");
  await expect(page.getByText("No clients match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Show removed (2)" }).click();
  await expect(page.getByTestId("list-total")).toHaveText("2 clients · 2 filters");
  await expect(rowsOf(page)).toHaveCount(2);
  await expect(rowsOf(page).filter({ hasText: "Removed" })).toHaveCount(2);
  await page.getByRole("link", { name: "Hide removed" }).click();
  await expect(page.getByText("No clients match these filters.")).toBeVisible();
});

test("a device is found by its owner's name, the list following the search as it is typed", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/devices");
  await page.getByLabel("Search").fill("ottilie owner");
  await expect(page.getByTestId("list-total")).toHaveText("1 device · 1 filter");
  await expect(rowsOf(page)).toHaveCount(1);
  await expect(rowsOf(page).first()).toContainText("KIOSK-7781");
  await expect(rowsOf(page).first().getByRole("link", { name: "Ottilie Ownerton" })).toBeVisible();
});

test("Resend invitations mails each ticked client a new link, and refuses when nothing is ticked", async ({
  page,
  browser,
}) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/clients?q=contoso.example&sort=name");
  await page.getByRole("button", { name: "Resend invitations" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Tick at least one client first." })).toBeVisible();

  const picked = await sql`
    SELECT display_name, mail FROM clients WHERE status = 'active' AND mail LIKE '%contoso.example' ORDER BY display_name LIMIT 2`;
  for (const client of picked) await page.getByRole("checkbox", { name: `Select ${client.display_name}` }).check();
  await page.getByRole("button", { name: "Resend invitations" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sent 2 new invitations." })).toBeVisible();
  await page.request.get(`${inngestStandIn.control}/idle`);
  for (const client of picked)
    await expect
      .poll(() => inbox.mails.filter((mail) => (mail.to as { text: string }).text === client.mail).length, {
        timeout: 15_000,
      })
      .toBe(1);

  // Without JavaScript the form posts as it is, and the server refuses an empty selection.
  const plain = await signedIn(browser, false);
  await plain.getByRole("button", { name: "Resend invitations" }).click();
  await expect(plain.getByText("Tick at least one client first.")).toBeVisible();
  await plain.context().close();
});

for (const [list, noun] of [
  ["/clients", "clients"],
  ["/devices", "devices"],
] as const) {
  test(`Export selected (CSV) downloads only the ticked ${noun}`, async ({ page }) => {
    await signIn(page, admin.email, admin.password);
    await page.goto(list);
    const ticked: string[] = [];
    for (const row of [0, 2]) {
      const name = await rowsOf(page).nth(row).getByRole("link").first().innerText();
      ticked.push(name);
      await page.getByRole("checkbox", { name: `Select ${name}` }).check();
    }
    const downloading = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export selected (CSV)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^vertask-${noun}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
    const lines = (await readFile(await download.path())).toString("utf8").trim().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((line) => line.split(",")[0])).toEqual(ticked);
  });
}

test("at 390 px the sort links above the cards sort the list", async ({ browser }) => {
  const page = await signedIn(browser, true, 390);
  await page.goto("/devices");
  const sort = page.getByRole("navigation", { name: "Sort" });
  await sort.getByRole("link", { name: /^Last sign-in/ }).click();
  await expect(page).toHaveURL(/sort=signin&dir=desc$/);
  await expect(sort.getByRole("link", { name: /^Last sign-in/ })).toHaveAttribute("aria-current", "true");
  await page.context().close();
});

test("with JavaScript, Every device on this page ticks each row of the page for the export", async ({ page }) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/devices?os=Windows");
  const shown = await rowsOf(page).count();
  await page.getByLabel("Every device on this page").check();
  await expect(page.locator('main tbody input[type="checkbox"]:checked')).toHaveCount(shown);
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export selected (CSV)" }).click();
  const lines = (await readFile(await (await downloading).path())).toString("utf8").trim().split("\r\n");
  expect(lines).toHaveLength(shown + 1);
});
