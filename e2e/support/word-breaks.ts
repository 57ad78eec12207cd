import type { Page } from "@playwright/test";

/**
 * The cells of the page's tables whose text wraps inside a word: a text node whose next character starts a new
 * line although the one before it is neither whitespace nor a hyphen. Measured character by character from the
 * layout (Range.getClientRects), so it sees what a person sees.
 */
export function cellsBrokenInsideAWord(page: Page) {
  return page.evaluate(() => {
    const broken: string[] = [];
    for (const cell of document.querySelectorAll("main td")) {
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? "";
        let previousTop: number | null = null;
        for (let i = 0; i < text.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect || rect.width === 0) continue;
          const newLine = previousTop !== null && rect.top > previousTop + 2;
          if (newLine && !/[\s\-‐]/.test(text[i - 1] ?? " ") && !/\s/.test(text[i])) {
            broken.push(`${text.slice(Math.max(0, i - 12), i)}|${text.slice(i, i + 12)}`);
            break;
          }
          previousTop = rect.top;
        }
      }
    }
    return broken;
  });
}
