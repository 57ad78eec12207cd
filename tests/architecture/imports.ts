// The import graph of the product code, read from its import statements: for the rules in import-rules.test.ts.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(".");
const productFolders = ["app", "cli", "db", "inngest", "lib"];
// `… from "x"`, a bare `import "x"`, and `import("x")`.
const importPattern = /\bfrom\s+["']([^"']+)["']|^\s*import\s+["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/** A project-relative path for an import specifier, or null for a package. */
function resolveSpecifier(from: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.relative(root, path.resolve(path.dirname(from), specifier));
  return null;
}

export type ImportEdge = { from: string; to: string; names: string[] };

/** The names in `import { a, type B } from …` (without `type`); none for a bare or namespace import. */
function importedNames(statement: string) {
  const braces = /\{([^}]*)\}/.exec(statement.split(/\bfrom\b/)[0] ?? "");
  if (!braces) return [];
  return braces[1]
    .split(",")
    .map(
      (part) =>
        part
          .trim()
          .replace(/^type\s+/, "")
          .split(/\s+as\s+/)[0],
    )
    .filter(Boolean);
}

export const productFiles = () =>
  productFolders.flatMap((folder) => sourceFiles(path.join(root, folder))).map((file) => path.relative(root, file));

export const readProductFile = (file: string) => readFileSync(path.join(root, file), "utf8");

/** Every import from one product file to another (project-relative paths, no extension on targets). */
export function productImports(): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const from of productFiles()) {
    const source = readProductFile(from);
    for (const match of source.matchAll(importPattern)) {
      const to = resolveSpecifier(from, match[1] ?? match[2] ?? match[3]);
      // The statement up to its `from`: back to the `import` or `export` that starts it.
      const statement = source.slice(
        Math.max(source.lastIndexOf("import", match.index), source.lastIndexOf("export", match.index)),
        match.index + match[0].length,
      );
      if (to) edges.push({ from, to, names: importedNames(statement) });
    }
  }
  return edges;
}

/** The folder a file belongs to for the layering rules: `lib/<area>`, or the top folder. */
export const areaOf = (file: string) => {
  const [top, second] = file.split("/");
  return top === "lib" && second ? `lib/${second.replace(/\.tsx?$/, "")}` : top;
};

/** Folders under lib/ that import each other, directly or round a loop (strongly connected, more than one). */
export const folderCycles = (edges: ImportEdge[]) =>
  importCycles(edges, (file) => (file.startsWith("lib/") ? areaOf(file) : null));

/** Files under `folder` that import each other, directly or round a loop. */
export const fileCycles = (edges: ImportEdge[], folder: string) =>
  importCycles(edges, (file) => (file.startsWith(folder) ? file.replace(/\.tsx?$/, "").replace(/\/index$/, "") : null));

/** The nodes (`nodeOf` a file; null leaves it out) that import each other round a loop (strongly connected, more than one). */
function importCycles(edges: ImportEdge[], nodeOf: (file: string) => string | null): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of edges) {
    const [a, b] = [nodeOf(from), nodeOf(to)];
    if (a === null || b === null || a === b) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    graph.get(a)!.add(b);
  }
  // Tarjan's strongly connected components.
  let index = 0;
  const indices = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string) => {
    indices.set(node, index);
    lowLinks.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node)!, lowLinks.get(next)!));
      } else if (onStack.has(next)) lowLinks.set(node, Math.min(lowLinks.get(node)!, indices.get(next)!));
    }
    if (lowLinks.get(node) === indices.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}
