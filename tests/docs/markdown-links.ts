// Reads the relative links of Markdown files, and finds those that lead nowhere.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** The README, CONTRIBUTING and every Markdown page under docs/, as paths from the repository's root. */
export function documentationFiles(root = ".") {
  const docs = readdirSync(path.join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`);
  return ["README.md", "CONTRIBUTING.md", ...docs.sort()].filter((file) => existsSync(path.join(root, file)));
}

/** Code shows Markdown as text: a `[x](y)` inside a fenced block or backticks is no link. */
function withoutCode(markdown: string) {
  return markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
}

/** `[text](target)` links whose target is a path in this repository (no scheme, not an address on the site). */
export function relativeLinks(markdown: string) {
  const targets = [...withoutCode(markdown).matchAll(/\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
    (match) => match[1],
  );
  return targets.filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith("/"));
}

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces as dashes, repeats numbered. */
export function headingAnchors(markdown: string) {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const [, heading] of withoutCode(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count ? `${slug}-${count}` : slug);
  }
  return anchors;
}

/** Each link, as `file: target`, whose file does not exist, or whose anchor names no heading of a Markdown file. */
export function brokenLinks(files: string[], root = ".") {
  const broken: string[] = [];
  for (const file of files) {
    for (const link of relativeLinks(readFileSync(path.join(root, file), "utf8"))) {
      const [target, anchor] = link.split("#", 2);
      const resolved = target ? path.join(path.dirname(file), decodeURI(target)) : file;
      if (!existsSync(path.join(root, resolved))) {
        broken.push(`${file}: ${link} (no file ${resolved})`);
        continue;
      }
      const isMarkdown = resolved.endsWith(".md") && statSync(path.join(root, resolved)).isFile();
      if (anchor && isMarkdown && !headingAnchors(readFileSync(path.join(root, resolved), "utf8")).has(anchor)) {
        broken.push(`${file}: ${link} (no heading #${anchor} in ${resolved})`);
      }
    }
  }
  return broken;
}
