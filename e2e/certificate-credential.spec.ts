import { expect, test, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import selfsigned from "selfsigned";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { appCertificate } from "../tests/fake-entra/certificates";
import { appLogFile } from "../playwright.config";
import { addStaff, resetDatabase, sql } from "./support/database";
import { signIn } from "./support/sign-in";

// The fake tenant's good app has this certificate registered, as an administrator would upload it in Entra.
test.describe.configure({ mode: "serial" });

const admin = { email: "sam@msp.example", password: "correct horse battery" };
const pem = (name: string, text: string) => ({ name, mimeType: "application/x-pem-file", buffer: Buffer.from(text) });
const storedKey = async () =>
  (await sql`SELECT certificate_key_ciphertext AS key FROM credentials WHERE connection_id IS NOT NULL`)[0]?.key ??
  null;
const everyResponse: string[] = [];

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
});

test.beforeEach(async ({ page }) => {
  page.on("response", async (response) =>
    everyResponse.push(`${response.url()}\n${await response.text().catch(() => "")}`),
  );
});

async function fillCertificateForm(page: Page, key: ReturnType<typeof pem>, certificate: ReturnType<typeof pem>) {
  await page.goto("/settings/azure");
  await page.getByLabel("Enabled", { exact: true }).check();
  await page.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await page.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
  await page.getByLabel("A certificate (recommended by Microsoft)").check();
  await page.getByLabel("Private key (PEM)").setInputFiles(key);
  await page.getByLabel("Certificate (PEM)").setInputFiles(certificate);
  await page
    .getByRole("form", { name: "Azure User Sync settings" })
    .getByRole("button", { name: "Save Changes" })
    .click();
}

test("a key that is not the certificate's, or a file that is not PEM, is explained at its field and nothing is saved", async ({
  page,
}) => {
  const { certPem, keyPem } = await appCertificate();
  const stranger = await selfsigned.generate([{ name: "commonName", value: "Someone else" }], {
    keySize: 2048,
    algorithm: "sha256",
  });
  await signIn(page, admin.email, admin.password);

  await fillCertificateForm(page, pem("other-key.pem", stranger.private), pem("cert.pem", certPem));
  await expect(page.locator("#certificateKey-error")).toHaveText(
    "This private key does not belong to the certificate: choose the key the certificate was made with.",
  );
  expect(await storedKey()).toBeNull();

  await fillCertificateForm(page, pem("key.pem", keyPem), pem("cert.cer", "0\x82\x03 binary DER, not PEM"));
  await expect(page.locator("#certificateFile-error")).toContainText("This is not a PEM certificate");
  expect(await storedKey()).toBeNull();
  // The secret's fields are hidden while Certificate is chosen.
  await expect(page.locator("#clientSecret")).toBeHidden();
  await page.screenshot({ path: ".data/test-results/certificate-form-error.png", fullPage: true });
});

test("the certificate saved in the form signs in: its thumbprint and expiry show, Test connection passes, a users sync succeeds", async ({
  page,
}) => {
  const { certPem, keyPem, thumbprintSha256 } = await appCertificate();
  await signIn(page, admin.email, admin.password);
  await fillCertificateForm(page, pem("key.pem", keyPem), pem("cert.pem", certPem));
  await expect(page.getByText("Changes saved.")).toBeVisible();
  const stored = page.getByTestId("stored-certificate");
  await expect(stored).toContainText(thumbprintSha256.toLowerCase());
  await expect(stored).toContainText("CN=Vertask fake app");
  await expect(stored).toContainText(/Expires on\s*\d{4}-\d{2}-\d{2}/);
  await expect(page.getByLabel("A certificate (recommended by Microsoft)")).toBeChecked();
  await page.screenshot({ path: ".data/test-results/certificate-form-saved.png", fullPage: true });

  await page.getByRole("link", { name: "Microsoft Azure" }).click();
  await page.getByRole("button", { name: "Test connection" }).click();
  const report = page.getByTestId("connection-report");
  await expect(report).toContainText("Token obtained", { timeout: 30_000 });
  await expect(report).toContainText("User.Read.All: granted");
  await page.getByRole("button", { name: "Sync users now" }).click();
  await expect(page.getByTestId("last-run-users")).toContainText("Last sync of users: Succeeded", { timeout: 30_000 });
  await expect(page.getByTestId("last-run-users")).toContainText(/\d+ created/);
});

test("with JavaScript off the form posts the files and saves the certificate", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await sql`DELETE FROM credentials WHERE connection_id IS NOT NULL`;
  const { certPem, keyPem } = await appCertificate();
  await signIn(page, admin.email, admin.password);
  await fillCertificateForm(page, pem("key.pem", keyPem), pem("cert.pem", certPem));
  await expect(page.getByText("Changes saved.")).toBeVisible();
  expect(await storedKey()).toMatch(/^v1\./);
  await context.close();
});

test("the private key is never in a response or the app's log", async () => {
  const { keyPem } = await appCertificate();
  const keyLines = keyPem.split("\n").filter((line) => line.length > 40);
  const log = await readFile(appLogFile, "utf8");
  expect(everyResponse.length).toBeGreaterThan(10);
  for (const line of keyLines.slice(0, 3)) {
    expect(log).not.toContain(line);
    expect(everyResponse.filter((text) => text.includes(line)).map((text) => text.split("\n")[0])).toEqual([]);
  }
});
