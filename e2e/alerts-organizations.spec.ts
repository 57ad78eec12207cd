import { expect, test } from "@playwright/test";
import { startSmtpInbox, type Inbox } from "../tests/support/smtp-inbox";
import { smtpPort } from "../playwright.config";
import { addStaff, resetDatabase, sql } from "./support/database";
import { endRun } from "./support/alerts";
import { signIn } from "./support/sign-in";

// With two or more organizations the banner groups what needs attention by organization, each linking to its page,
// and alert mails name the organization.
test.describe.configure({ mode: "serial" });

const admin = { email: "sam@msp.example", password: "correct horse battery" };
let inbox: Inbox;

async function connectedOrganization(name: string, fields: { clientSecretExpiresOn?: string } = {}) {
  const [organization] = await sql`INSERT INTO organizations (name) VALUES (${name}) RETURNING id`;
  const [connection] = await sql`
    INSERT INTO entra_connections (organization_id, name, enabled, client_id, tenant_id)
    VALUES (${organization.id}, ${name}, true, gen_random_uuid()::text, gen_random_uuid()::text)
    RETURNING id`;
  await sql`
    INSERT INTO credentials (connection_id, client_secret_ciphertext, client_secret_expires_on)
    VALUES (${connection.id}, 'v1.stored', ${fields.clientSecretExpiresOn ?? null})`;
  return { organizationId: organization.id as string, connectionId: connection.id as string };
}

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff("Sam Admin", admin.email, admin.password, "superuser");
  inbox = await startSmtpInbox(smtpPort);
});
test.afterAll(() => inbox.close());

test("the banner says how many organizations need attention, lists what is wrong in each, and links to each one's page", async ({
  page,
}) => {
  const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const contoso = await connectedOrganization("Contoso");
  const fabrikam = await connectedOrganization("Fabrikam");
  const northwind = await connectedOrganization("Northwind", { clientSecretExpiresOn: soon });
  await connectedOrganization("Quiet Ltd");
  await endRun({
    kind: "users",
    status: "failed",
    errorMessage: "Microsoft Graph did not answer in time.",
    connectionId: contoso.connectionId,
  });
  await endRun({
    kind: "devices",
    status: "needs_review",
    reviewNote: "It would remove 4 of 4 devices (100%).",
    connectionId: fabrikam.connectionId,
  });
  await expect
    .poll(() => inbox.mails.map((m) => m.subject).sort())
    .toEqual(["Vertask: Contoso: syncing users failed", "Vertask: Fabrikam: a sync of devices needs review"]);
  expect(inbox.mails.find((m) => m.subject?.includes("Contoso"))!.text).toContain(
    `/settings/organizations/${contoso.organizationId}/microsoft-azure`,
  );

  await signIn(page, admin.email, admin.password);
  await page.goto("/clients");
  const banner = page.getByTestId("alert-banner");
  await expect(banner).toContainText("3 organizations need attention");
  await expect(banner.getByTestId("organization-attention")).toHaveText([
    /^Contoso\s*Syncing users failed: Microsoft Graph did not answer in time\.$/,
    /^Fabrikam\s*A sync of devices stopped as Needs review: It would remove 4 of 4 devices \(100%\)\./,
    new RegExp(`^Northwind\\s*The client secret expires in 5 days \\(${soon}\\)`),
  ]);
  await expect(banner).not.toContainText("Quiet Ltd");
  await expect(page.getByTestId("secret-expiry-warning")).toHaveCount(0);
  for (const [name, id] of [
    ["Contoso", contoso.organizationId],
    ["Fabrikam", fabrikam.organizationId],
    ["Northwind", northwind.organizationId],
  ]) {
    await expect(banner.getByRole("link", { name, exact: true })).toHaveAttribute(
      "href",
      `/settings/organizations/${id}`,
    );
  }
  await banner.getByRole("link", { name: "Fabrikam", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/settings/organizations/${fabrikam.organizationId}$`));
  await expect(page.getByRole("heading", { name: "Fabrikam", level: 1 })).toBeVisible();
});
