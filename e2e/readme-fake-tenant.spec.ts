import { expect, test } from "@playwright/test";
import { CONTOSO } from "../tests/fake-entra/default-tenants";
import {
  freshCheckout,
  readmeSectionCommands,
  runReadmeLine,
  waitForOutput,
  type ReadmeProcess,
} from "./support/readme-try-it";

// Ports of this test's own processes (3450–3499, each can be moved by a variable), apart from every other suite's.
const appPort = Number(process.env.E2E_README_APP_PORT ?? 3450);
const fakePort = Number(process.env.E2E_README_FAKE_ENTRA_PORT ?? 3451);
const postgresPort = Number(process.env.E2E_README_POSTGRES_PORT ?? 3452);
const ports = {
  PORT: String(appPort),
  FAKE_ENTRA_PORT: String(fakePort),
  EMBEDDED_POSTGRES_PORT: String(postgresPort),
};
const appUrl = `http://localhost:${appPort}`;

test("following the README's fake-tenant section word for word ends with synced clients and devices in the lists", async ({
  page,
}) => {
  test.setTimeout(900_000);
  const [startFake, startApp, sync] = readmeSectionCommands("Trying it against a fake Microsoft Entra tenant");
  expect(startFake).toEqual(["npm run fake-tenant"]);
  expect(startApp).toEqual(["npm run dev"]);
  expect(sync).toEqual(["npm run sync -- users", "npm run sync -- devices"]);

  const checkout = freshCheckout();
  const running: ReadmeProcess[] = [];
  try {
    // 1. The fake tenant prints what to paste, and where npm run dev finds it.
    const fake = runReadmeLine(startFake[0], checkout.folder, ports);
    running.push(fake);
    await waitForOutput(fake, /Client secret\s+\S+/);
    expect(fake.output()).toContain("npm run dev and npm run sync, started from now on, use this fake tenant");
    expect(fake.output()).toContain(CONTOSO.goodApp.secret);

    // 2. The app, started after it, talks to it: nothing exported by hand.
    const app = runReadmeLine(startApp[0], checkout.folder, ports);
    running.push(app);
    await waitForOutput(
      app,
      new RegExp(`Microsoft Entra ID and Graph: the fake tenant at https://localhost:${fakePort}`),
    );
    const [, setupCode] = await waitForOutput(app, /create the first superuser with the setup code: ([A-Z0-9-]+)/);

    // 3. First superuser (signed in at once), the settings with Status Enabled, Test connection.
    await page.goto(`${appUrl}/setup`, { timeout: 300_000 });
    await page.getByLabel("Setup code").fill(setupCode);
    await page.getByLabel("Name").fill("Rea Der");
    await page.getByLabel("Email").fill("rea@msp.example");
    await page.getByLabel("Password").fill("a long password to try it");
    await page.getByRole("button", { name: "Create superuser" }).click();
    await expect(page.getByTestId("signed-in-as")).toContainText("Rea Der", { timeout: 300_000 });
    await page.goto(`${appUrl}/settings/azure`, { timeout: 300_000 });
    await page.getByLabel("Enabled", { exact: true }).check();
    await page.getByLabel("Directory (tenant) ID").fill(CONTOSO.tenantId);
    await page.getByLabel("Application (client) ID").fill(CONTOSO.goodApp.clientId);
    await page.locator("#clientSecret").fill(CONTOSO.goodApp.secret);
    await page
      .getByRole("form", { name: "Azure User Sync settings" })
      .getByRole("button", { name: "Save Changes" })
      .click();
    await expect(page.getByText("Changes saved.")).toBeVisible({ timeout: 60_000 });
    await page.getByRole("link", { name: "Microsoft Azure" }).click();
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("connection-report")).toContainText("Token obtained", { timeout: 120_000 });

    // 4. Here the job engine cannot start (its package downloads a binary; no internet): npm run dev said why,
    // once, and the tab says so, naming npm run sync.
    const engineWarning = page.getByTestId("job-engine-warning");
    if (await engineWarning.isVisible()) {
      await expect
        .poll(() => app.output().match(/The job engine \(the Inngest dev server\) did not start/g)?.length ?? 0, {
          timeout: 120_000,
        })
        .toBe(1);
      const said = app
        .output()
        .split("\n")
        .find((line) => line.includes("did not start"))!;
      expect(said).toContain("npm run sync -- users");
      expect(said).not.toContain("`");
      await expect(engineWarning).toContainText("npm run sync -- users");
      expect(await engineWarning.innerText()).not.toContain("`");
    }
    for (const line of sync) {
      const run = runReadmeLine(line, checkout.folder, ports);
      running.push(run);
      expect(await run.exited, `${line}:\n${run.output()}`).toBe(0);
    }

    // 5. The lists show what the fake tenant holds.
    await page.goto(`${appUrl}/clients`, { timeout: 300_000 });
    await expect(page.getByText(/^1–\d+ of [1-9][\d,]* clients$/)).toBeVisible({ timeout: 60_000 });
    await page.goto(`${appUrl}/devices`, { timeout: 300_000 });
    await expect(page.getByText(/^1–\d+ of [1-9][\d,]* devices$/)).toBeVisible({ timeout: 60_000 });
  } finally {
    for (const process of running.reverse()) await process.stop();
    checkout.remove();
  }
});
