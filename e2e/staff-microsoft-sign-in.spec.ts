import { readFile } from "node:fs/promises";
import { expect, test, type Browser } from "@playwright/test";
import { appLogFile } from "../playwright.config";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import { checkPage, expectAxeClean } from "./support/check-page";
import { addStaff, resetDatabase, sql } from "./support/database";
import { fakeTenant } from "./support/fake-tenant";
import { signIn } from "./support/sign-in";

// Staff sign in with Microsoft through the fake tenant's sign-in page, after a superuser sets it up under
// Settings → Sign-in and registers the redirect URI the page shows.
test.describe.configure({ mode: "serial" });
test.use({ ignoreHTTPSErrors: true });

const admin = { name: "Sam Admin", email: "sam@msp.example", password: "correct horse battery" };
type ContosoUser = { id: string; displayName: string; userPrincipalName: string; mail: string | null };

/** Enabled Contoso members with a mail, as the fake holds them (not those another spec deleted there). */
async function contosoUsers(count: number) {
  const found: ContosoUser[] = [];
  for (let index = 0; found.length < count && index < 40; index++) {
    const id = await fakeTenant<string>("userIdAt", { index });
    const { state, value } = await fakeTenant<{
      state: string;
      value: ContosoUser & { accountEnabled: boolean; userType: string };
    }>("getUser", { id });
    if (
      state === "active" &&
      value.accountEnabled &&
      value.mail &&
      value.userType === "Member" &&
      !value.userPrincipalName.includes("#EXT#")
    )
      found.push(value);
  }
  return found;
}

const tiaPassword = "another long password";
let staffMember: ContosoUser;
let stranger: ContosoUser;

test.beforeAll(async () => {
  await resetDatabase();
  await addStaff(admin.name, admin.email, admin.password, "superuser");
  // Sam's account was made with npm run create-superuser: the way back in once Microsoft is required.
  await sql`UPDATE staff_users SET created_from_command_line = true WHERE email = ${admin.email}`;
  [staffMember, stranger] = await contosoUsers(2);
  // Tia's Vertask account has her work address: the first sign-in links them by it.
  await addStaff("Tia Tech", staffMember.mail!.toLowerCase(), tiaPassword, "technician");
});

/** Tia signs in with Microsoft in a browser of her own, on the fake's page, and lands on the clients. */
async function tiaSignsInWithMicrosoft(browser: Browser) {
  const tia = await freshBrowser(browser, true);
  await tia.goto("/signin");
  await tia.getByRole("link", { name: "Sign in with Microsoft" }).click();
  await tia.getByRole("button", { name: new RegExp(staffMember.userPrincipalName) }).click();
  await expect(tia).toHaveURL(/\/clients$/);
  return tia;
}

/** A browser of its own (no session), with or without JavaScript. */
async function freshBrowser(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, javaScriptEnabled });
  return context.newPage();
}

test("a superuser sets up Sign in with Microsoft and sees the redirect URI to register", async ({ page, baseURL }) => {
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Sign-in" }).click();
  await checkPage(page, "/settings/sign-in");
  const redirectUri = `${baseURL}/signin/microsoft/callback`;
  await expect(page.getByTestId("staff-redirect-uri")).toHaveText(redirectUri);
  // What the administrator does in Entra: register that exact value on the app.
  await fakeTenant("setRedirectUris", { clientId: CONTOSO.goodApp.clientId, redirectUris: [redirectUri] });

  const form = page.getByRole("form", { name: "Staff sign-in" });
  await form.getByLabel("Your tenant's Directory (tenant) ID").fill(CONTOSO.tenantId);
  await form.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
  await form.getByLabel("Client secret", { exact: true }).fill(CONTOSO.goodApp.secret);
  await form.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(form.getByText("Sign-in settings saved.")).toBeVisible();
  await expect(page.getByTestId("stored-secret")).toContainText(`…${CONTOSO.goodApp.secret.slice(-4)}`);
  expect(await readFile(appLogFile, "utf8")).not.toContain(CONTOSO.goodApp.secret);
});

test("a staff member signs in with Microsoft on the fake's sign-in page, and is shown as linked", async ({
  browser,
  page,
}) => {
  const tia = await freshBrowser(browser, true);
  await checkPage(tia, "/signin");
  await tia.getByRole("link", { name: "Sign in with Microsoft" }).click();
  await expect(tia.getByRole("heading", { name: "Pick an account" })).toBeVisible();
  // Microsoft is asked with a PKCE challenge, a state and a nonce; the verifier stays in the app's cookie.
  const asked = new URL(tia.url()).searchParams;
  expect(asked.get("code_challenge_method")).toBe("S256");
  expect([...asked.keys()]).toEqual(expect.arrayContaining(["state", "nonce", "code_challenge"]));
  expect(asked.has("code_verifier")).toBe(false);
  const pending = (await tia.context().cookies()).find((c) => c.name === "vertask-microsoft-sign-in-staff");
  expect(pending).toMatchObject({ httpOnly: true, sameSite: "Lax" });
  await tia.getByRole("button", { name: new RegExp(staffMember.userPrincipalName) }).click();
  await expect(tia).toHaveURL(/\/clients$/);
  await expect(tia.getByText("Tia Tech")).toBeVisible();
  expect((await tia.context().cookies()).map((c) => c.name)).not.toContain("vertask-microsoft-sign-in-staff");
  await expectAxeClean(tia, "/clients after Sign in with Microsoft");
  await tia.context().close();

  await signIn(page, admin.email, admin.password);
  await checkPage(page, "/settings/staff");
  await expect(page.getByRole("row", { name: /Tia Tech/ })).toContainText("Linked with Microsoft");
  const [linked] = await sql`SELECT microsoft_object_id AS oid FROM staff_users WHERE name = 'Tia Tech'`;
  expect(linked.oid).toBe(staffMember.id);
});

test("someone without a staff account gets a plain refusal, with JavaScript off too", async ({ browser, page }) => {
  const visitor = await freshBrowser(browser, false);
  await visitor.goto("/signin");
  await visitor.getByRole("link", { name: "Sign in with Microsoft" }).click();
  await visitor.getByRole("button", { name: new RegExp(stranger.userPrincipalName) }).click();
  await expect(visitor).toHaveURL(/\/signin\?notice=microsoft-refused$/);
  await expect(visitor.getByRole("alert")).toHaveText(
    "Vertask could not sign you in with Microsoft. Staff sign in with their work account; if yours should work, ask a superuser.",
  );
  await visitor.context().close();
  // axe runs in the page's JavaScript: the same refusal page, checked with it on.
  await checkPage(page, "/signin?notice=microsoft-refused");
});

test("with Microsoft required, a staff password is refused on the sign-in page", async ({ browser, page }) => {
  const before = await freshBrowser(browser, true);
  await signIn(before, staffMember.mail!.toLowerCase(), tiaPassword);
  await before.context().close();

  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/sign-in");
  const form = page.getByRole("form", { name: "Staff sign-in" });
  await form.getByLabel("Require Microsoft sign-in for all staff").check();
  await form.getByRole("button", { name: "Save sign-in settings" }).click();
  await expect(form.getByText("Sign-in settings saved.")).toBeVisible();

  const tia = await freshBrowser(browser, true);
  await tia.goto("/signin");
  await expect(tia.getByText(/A password works only for an account made on the server/)).toBeVisible();
  await tia.getByLabel("Email").fill(staffMember.mail!.toLowerCase());
  await tia.getByLabel("Password").fill(tiaPassword);
  await tia.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(tia.getByText("Wrong email or password.")).toBeVisible();
  await tia.context().close();
});

test("the superuser made on the server still signs in with a password, and removing Tia ends her Microsoft session", async ({
  browser,
  page,
}) => {
  const tia = await tiaSignsInWithMicrosoft(browser);
  await signIn(page, admin.email, admin.password);
  await page.goto("/settings/staff");
  await expect(page.getByRole("row", { name: /Sam Admin/ })).toContainText("Made on the server");
  page.once("dialog", (dialog) => dialog.accept());
  await page.getByRole("button", { name: "Remove Tia Tech" }).click();
  await expect(page.getByRole("row", { name: /Tia Tech/ })).toHaveCount(0);

  await tia.goto("/clients");
  await expect(tia).toHaveURL(/\/signin$/);
  await tia.context().close();
});
