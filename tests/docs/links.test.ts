// Every relative link in the README, CONTRIBUTING and docs/ leads to a file that exists, and a link to a heading
// (`file.md#heading`) to a heading that exists: a moved or renamed file, or a renamed section, fails here by name.
import { describe, expect, it } from "vitest";
import { brokenLinks, documentationFiles } from "./markdown-links";

describe("links in the documentation", () => {
  it("reads the README, CONTRIBUTING and every page under docs/", () => {
    expect(documentationFiles()).toEqual(
      expect.arrayContaining(["README.md", "CONTRIBUTING.md", "docs/architecture.md", "docs/operations.md"]),
    );
  });

  it("every relative link leads to a file that exists, and every anchor to a heading of that file", () => {
    expect(brokenLinks(documentationFiles())).toEqual([]);
  });
});
