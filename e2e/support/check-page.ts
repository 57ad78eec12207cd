import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/**
 * Opens a page and checks that it holds in the window: nothing wider than the window, no box that scrolls sideways,
 * and no serious or critical problem axe-core finds. `E2E_SCREENSHOTS=<folder>` keeps a picture of each.
 */
export async function checkPage(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBeLessThan(400);
  if (process.env.E2E_SCREENSHOTS)
    await page.screenshot({
      path: `${process.env.E2E_SCREENSHOTS}/${path.replace(/[^a-z0-9]+/gi, "_")}.png`,
      fullPage: true,
    });
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
    // A table that scrolls inside its box hides columns as surely as a page that scrolls. A value that ends in an
    // ellipsis with the whole of it on hover (title) is shortened on purpose, as the dense lists do.
    scrolledBoxes: [...document.querySelectorAll("main *:not(input, textarea, select, .sr-only)")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== "visible")
      .filter((el) => !(getComputedStyle(el).textOverflow === "ellipsis" && el.closest("[title]")))
      .map(
        (el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} (${el.scrollWidth} > ${el.clientWidth})`,
      ),
  }));
  expect.soft(widths.page, `${path} is wider than the window`).toBeLessThanOrEqual(widths.window);
  expect.soft(widths.scrolledBoxes, `${path} has a box that scrolls sideways`).toEqual([]);
  await expectAxeClean(page, path);
}

/** No serious or critical problem axe-core finds on the page as it stands (say, with a listbox open). */
export async function expectAxeClean(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  expect.soft(serious, label).toEqual([]);
}
