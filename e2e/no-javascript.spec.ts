import { createHash, randomBytes } from "node:crypto";
import { expect, test, type Page, type Request } from "@playwright/test";
import { addStaff, resetDatabase, sql } from "./support/database";
import { addClient } from "./support/seed";
import { submitSetupForm } from "./support/setup-form";
import { signIn } from "./support/sign-in";

// Every form that holds a password posts it, and works, with JavaScript off (or not loaded yet): a password
// never lands in an address, the browser history or a server's access log.
test.use({ javaScriptEnabled: false });
test.describe.configure({ mode: "serial" });

test.beforeAll(resetDatabase);

const superuser = { name: "Nora Nojs", email: "nora@msp.example", password: "Plain-text?Never&in=URLs 1" };
const client = { name: "Cleo Client", mail: "cleo@client.example", password: "Cleo's portal/password+1" };

/** Every request the page sends, so a test can look at each address the browser visited. */
function recordRequests(page: Page) {
  const requests: Request[] = [];
  page.on("request", (request) => requests.push(request));
  return requests;
}

/** The ways a password can be written into an address: as typed, percent-encoded, form-encoded. */
function spellings(secret: string) {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)];
}

function expectNoAddressCarries(requests: Request[], secret: string) {
  expect(requests.length).toBeGreaterThan(0);
  for (const request of requests) {
    for (const spelling of spellings(secret))
      expect(decodeURIComponent(request.url()), request.url()).not.toContain(spelling);
    for (const spelling of spellings(secret)) expect(request.url(), request.url()).not.toContain(spelling);
  }
}

/** The form's own submission: a POST whose body (not address) holds the password. */
function expectPostedBody(requests: Request[], path: string, secret: string) {
  const posts = requests.filter(
    (r) => r.method() === "POST" && new URL(r.url()).pathname === path && r.postData()?.includes(secret),
  );
  expect(posts.length, `a POST to ${path} carrying the password`).toBeGreaterThan(0);
}

/** An invitation as a sync and its mail would leave it; the link's token is ours, stored only as its hash. */
async function inviteClient() {
  const clientId = await addClient({ displayName: client.name, mail: client.mail });
  const token = randomBytes(32).toString("base64url");
  await sql`INSERT INTO portal_accounts (client_id) VALUES (${clientId})`;
  await sql`
    INSERT INTO portal_invitations (client_id, email, token_hash, expires_at, sent_at)
    VALUES (${clientId}, ${client.mail}, ${createHash("sha256").update(token).digest("hex")}, now() + interval '7 days', now())`;
  return token;
}

test("first-run setup posts, creates the superuser and signs them in without JavaScript", async ({ page }) => {
  const requests = recordRequests(page);
  await submitSetupForm(page, superuser);
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(superuser.name);
  expectPostedBody(requests, "/setup", superuser.password);
  expectNoAddressCarries(requests, superuser.password);
});

test("staff sign-in posts, explains bad input and a wrong password, then signs in, without JavaScript", async ({
  page,
}) => {
  const requests = recordRequests(page);
  await page.goto("/signin");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("#email-error")).toHaveText("Enter the email address of your Vertask account.");
  await expect(page.locator("#password-error")).toHaveText("Enter your password.");

  await page.getByLabel("Email").fill(superuser.email);
  await page.getByLabel("Password").fill(`${superuser.password} wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByLabel("Email")).toHaveValue(superuser.email);
  await expect(page.getByLabel("Password")).toHaveValue("");

  await page.getByLabel("Password").fill(superuser.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/clients$/);
  await expect(page.getByTestId("signed-in-as")).toContainText(superuser.name);
  expectPostedBody(requests, "/signin", superuser.password);
  expectNoAddressCarries(requests, superuser.password);
  expectNoAddressCarries(requests, `${superuser.password} wrong`);
});

test("an invited client sets a password without JavaScript, lands on the portal, and the link's token goes nowhere else", async ({
  page,
}) => {
  const token = await inviteClient();
  const requests = recordRequests(page);
  await page.goto(`/portal/accept?token=${token}`);
  await expect(page.getByRole("heading", { name: `Welcome, ${client.name}` })).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(client.password);
  await page.getByLabel("Password again").fill("not the same password");
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.locator("#confirmPassword-error")).toHaveText("The two passwords are not the same.");

  await page.getByLabel("Password", { exact: true }).fill(client.password);
  await page.getByLabel("Password again").fill(client.password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(client.name);

  expectPostedBody(requests, "/portal/accept", client.password);
  expectNoAddressCarries(requests, client.password);
  const withToken = requests.filter((r) => r.url().includes(token));
  expect(withToken.map((r) => new URL(r.url()).pathname)).toEqual([
    "/portal/accept",
    "/portal/accept",
    "/portal/accept",
  ]);
  expect(requests.filter((r) => !r.url().includes(token)).length).toBeGreaterThan(0);
});

test("portal sign-in posts, refuses a wrong password, then signs in, without JavaScript", async ({ page }) => {
  const requests = recordRequests(page);
  await page.goto("/portal/signin");
  await page.getByLabel("Email").fill(client.mail);
  await page.getByLabel("Password").fill(`${client.password} wrong`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong email or password, or your access to the portal has ended.");
  await expect(page).toHaveURL(/\/portal\/signin$/);

  await page.getByLabel("Password").fill(client.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(client.name);
  expectPostedBody(requests, "/portal/signin", client.password);
  expectNoAddressCarries(requests, client.password);
});

test("next-auth's own credentials endpoint signs nobody in: the limited forms above are the only way in", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const { csrfToken } = await (await context.request.get("/api/auth/csrf")).json();
  for (const provider of ["credentials", "portal"]) {
    await context.request.post(`/api/auth/callback/${provider}`, {
      form: { csrfToken, email: superuser.email, password: superuser.password, json: "true" },
      maxRedirects: 0,
    });
  }
  expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain("next-auth.session-token");
  const page = await context.newPage();
  await page.goto("/clients");
  await expect(page).toHaveURL(/\/signin$/);
  await context.close();
});

test("a technician adds a client by hand and imports a CSV file without JavaScript", async ({ page }) => {
  await addStaff("Tom Nojs", "tom@msp.example", "Technician without scripts 1", "technician");
  await signIn(page, "tom@msp.example", "Technician without scripts 1");
  await page.goto("/clients/new");
  await page.getByLabel("Mail").fill("nojs@client.example");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.locator("#name-error")).toHaveText("Name is missing.");
  await expect(page.getByLabel("Mail")).toHaveValue("nojs@client.example");
  await page.getByLabel("Name").fill("Nils Nojs");
  await page.getByRole("button", { name: "Add client" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nils Nojs");
  await page.goto("/clients?source=manual");
  await expect(page.locator("tbody tr", { hasText: "Nils Nojs" })).toContainText("Added by hand");

  await page.goto("/clients/import");
  const file = {
    name: "nojs.csv",
    mimeType: "text/csv",
    buffer: Buffer.from('Name,Notes\nNina Nojs,"first line\nsecond, line"\n'),
  };
  await page.getByLabel("CSV file").setInputFiles(file);
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("line-2")).toContainText("Nina Nojs");
  await page.getByRole("button", { name: "Import 1 client" }).click();
  await expect(page.getByRole("status")).toHaveText("Imported 1 client from nojs.csv.");
  const [row] = await sql`SELECT notes, source FROM clients WHERE display_name = 'Nina Nojs'`;
  expect(row).toEqual({ notes: "first line\nsecond, line", source: "manual" });
});

test("after five wrong passwords the account waits, and the page says how long, without JavaScript", async ({
  page,
}) => {
  await page.goto("/signin");
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.getByLabel("Email").fill(superuser.email);
    await page.getByLabel("Password").fill(`wrong guess ${attempt}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert")).toHaveText("Wrong email or password.");
  }
  await page.getByLabel("Password").fill(superuser.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Too many failed attempts: try again in 15 minutes.");
  await expect(page).toHaveURL(/\/signin$/);
});
