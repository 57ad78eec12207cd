import { expect, type Page } from "@playwright/test";
import { inngestStandIn } from "../../playwright.config";

/** Clicks Sync users/devices now on the Microsoft Azure tab and waits until that run has succeeded. */
export async function syncNow(page: Page, kind: "users" | "devices") {
  await page.goto("/settings/azure/microsoft-azure");
  await page.getByRole("button", { name: `Sync ${kind} now` }).click();
  await expect(page.getByText("Sync requested.")).toBeVisible();
  // The stand-in answers /idle once every event it took has run.
  await page.request.get(`${inngestStandIn.control}/idle`);
  await page.reload();
  await expect(page.getByTestId(`last-run-${kind}`)).toContainText(`Last sync of ${kind}: Succeeded`);
}
