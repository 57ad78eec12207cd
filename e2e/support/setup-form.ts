import type { Page } from "@playwright/test";
import { currentSetupCode } from "../../lib/staff/setup-code";
import { appSecret } from "../../playwright.config";

export type FirstSuperuser = { name: string; email: string; password: string };

/** Fills the first-run form ("Create the first superuser") and submits it; one place to add a field to. */
export async function submitSetupForm(page: Page, superuser: FirstSuperuser) {
  await page.goto("/setup");
  await page.getByLabel("Name").fill(superuser.name);
  await page.getByLabel("Email").fill(superuser.email);
  await page.getByLabel("Password").fill(superuser.password);
  // The code the app under test prints at start (it derives it from its secret).
  await page.getByLabel("Setup code").fill(currentSetupCode({ NEXTAUTH_SECRET: appSecret }));
  await page.getByRole("button", { name: "Create superuser" }).click();
}
