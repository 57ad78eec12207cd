import { expect, test, type Page } from "@playwright/test";
import { addStaff, countRows, organizationId, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";

test.describe.configure({ mode: "serial" });

const tech = { name: "Tia Tech", email: "tia@msp.example", password: "another long password" };

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff(tech.name, tech.email, tech.password, "technician");
});

test.beforeEach(async ({ page }) => {
  await signIn(page, tech.email, tech.password);
});

/** A CSV file as the browser's file chooser hands it over. */
const csvFile = (name: string, text: string) => ({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });

async function uploadForPreview(page: Page, file: ReturnType<typeof csvFile>) {
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Preview" }).click();
}

test("a technician adds a client by hand: the form explains bad input at the field, then the list shows 'Added by hand'", async ({
  page,
}) => {
  await page.getByRole("link", { name: "Add client" }).click();
  await expect(page).toHaveURL(/\/clients\/new$/);
  await page.getByLabel("Mail").fill("not an address");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.locator("#name-error")).toHaveText("Name is missing.");
  await expect(page.locator("#mail-error")).toHaveText("Mail is not an address like name@example.com.");
  expect(await countRows("clients")).toBe(0);

  await page.getByLabel("Name").fill("Hana Hand");
  await page.getByLabel("Mail").fill("hana@client.example");
  await page.getByLabel("Phone").fill("+41 44 555 01 02");
  await page.getByLabel("Company").fill("Hand & Co");
  await page.getByLabel("Notes").fill("Prefers a call before 10.");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Hana Hand");
  await expect(page.getByRole("status")).toContainText("Hana Hand is added.");

  await page.getByRole("link", { name: "← Clients" }).click();
  const row = page.locator("tbody tr", { hasText: "Hana Hand" });
  await expect(row).toContainText("Added by hand");
  await expect(row).toContainText("+41 44 555 01 02");
  await expect(row).toContainText("Hand & Co");

  await page.getByLabel("Source").selectOption("manual");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("result-count")).toHaveText("1–1 of 1 client");
});

test("the same mail again is refused, and a hand-made client's fields are edited on its page", async ({ page }) => {
  await page.goto("/clients/new");
  await page.getByLabel("Name").fill("Hana Again");
  await page.getByLabel("Mail").fill(" HANA@client.example ");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.locator("#mail-error")).toHaveText("An active client already has this mail: Hana Hand.");
  await expect(page.getByLabel("Name")).toHaveValue("Hana Again");

  await page.goto("/clients");
  await page.getByRole("link", { name: "Hana Hand" }).click();
  await page.getByLabel("Company").fill("Hand & Daughters");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved the changes to Hana Hand.");
  await page.reload();
  await expect(page.getByLabel("Company")).toHaveValue("Hand & Daughters");
});

test("a client from Microsoft Entra shows its synced fields read-only; only its Notes are edited", async ({ page }) => {
  const [{ id }] = await sql`
    INSERT INTO clients (organization_id, display_name, mail, company_name, source, entra_object_id)
    VALUES (${await organizationId()}, 'Erin Entra', 'erin@contoso.example', 'Contoso', 'azure', '0f6a1c9e-0000-4000-8000-0000000000e1') RETURNING id`;
  await page.goto(`/clients/${id}`);
  await expect(page.getByTestId("synced-explanation")).toContainText("kept in step with Microsoft Entra ID");
  await expect(page.getByText("Microsoft Entra ID", { exact: true }).first()).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveCount(0);
  await expect(page.getByLabel("Company")).toHaveCount(0);
  await page.getByLabel("Notes").fill("Call before 10.");
  await page.getByRole("button", { name: "Save notes" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved the changes to Erin Entra.");
  const [row] = await sql`SELECT notes, display_name FROM clients WHERE id = ${id}`;
  expect(row).toEqual({ notes: "Call before 10.", display_name: "Erin Entra" });
});

test("a CSV file with a bad row is refused whole, with the row's line; the fixed file imports every client", async ({
  page,
}) => {
  const before = await countRows("clients");
  await page.goto("/clients");
  await page.getByRole("link", { name: "Import CSV" }).click();
  const bad =
    '\uFEFFName;Email;Company;Department\r\nAnn Lee;ann@import.example;"Lee; Sons";Sales\r\n;nameless@import.example;;\r\nBo Ray;bo@import.example;;\r\n';
  await uploadForPreview(page, csvFile("clients.csv", bad));
  await expect(page.locator("main").getByRole("alert")).toHaveText(
    "clients.csv: 1 of 3 rows has a problem: nothing can be imported from this file. Fix it in the file and upload it again.",
  );
  await expect(page.getByTestId("line-3")).toContainText("Name is missing.");
  await expect(page.getByTestId("line-2")).toContainText("OK");
  await expect(page.getByText("“Department” is not a column Vertask knows")).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import \d+ clients?$/ })).toHaveCount(0);
  expect(await countRows("clients")).toBe(before);

  const good = bad.replace(";nameless@import.example;", "Cy Day;cy@import.example;");
  await uploadForPreview(page, csvFile("clients.csv", good));
  await expect(page.getByTestId("line-3")).toContainText("OK");
  await page.getByRole("button", { name: "Import 3 clients" }).click();
  await expect(page.getByRole("status")).toHaveText("Imported 3 clients from clients.csv.");
  expect(await countRows("clients")).toBe(before + 3);

  await page.getByRole("link", { name: "See them in the client list" }).click();
  for (const name of ["Ann Lee", "Bo Ray", "Cy Day"]) {
    await expect(page.locator("tbody tr", { hasText: name })).toContainText("Added by hand");
  }
  await expect(page.locator("tbody tr", { hasText: "Ann Lee" })).toContainText("Lee; Sons");
});

test("importing the same clients again is refused (their mails belong to active clients), and so is a spreadsheet that is not CSV", async ({
  page,
}) => {
  await page.goto("/clients/import");
  await uploadForPreview(page, csvFile("again.csv", "Name,Mail\nAnn Lee,ann@import.example\n"));
  await expect(page.getByTestId("line-2")).toContainText("An active client already has this mail: Ann Lee.");
  await uploadForPreview(page, {
    name: "clients.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: Buffer.from("PK\u0003\u0004"),
  });
  await expect(page.locator("#file-error")).toHaveText("This is not a CSV file: choose a file ending in .csv.");
});

test("a client added between the preview and the import refuses the file at import, naming the line; nothing is saved", async ({
  page,
}) => {
  await page.goto("/clients/import");
  await uploadForPreview(page, csvFile("late.csv", "Name,Mail\nLena Late,lena@import.example\n"));
  await expect(page.getByRole("button", { name: "Import 1 client" })).toBeVisible();
  await sql`INSERT INTO clients (organization_id, display_name, mail, source) VALUES (${await organizationId()}, 'Lena Earlier', 'LENA@import.example', 'manual')`;
  const before = await countRows("clients");
  await page.getByRole("button", { name: "Import 1 client" }).click();
  await expect(page.locator("main").getByRole("alert")).toHaveText(
    "Nothing was imported: 1 row has a problem. Fix it in the file and upload it again.",
  );
  await expect(page.getByTestId("line-2")).toContainText("An active client already has this mail: Lena Earlier.");
  expect(await countRows("clients")).toBe(before);
});
