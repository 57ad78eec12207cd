// House rule (issue 24): small files and short functions in the product code, so each can be read at once.
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { productFiles, readProductFile } from "./imports";

const maxFunctionLines = 80;
const maxFileLines = 300;
// Data lists, not code: the migrations drizzle-kit writes and the list of common passwords.
const isDataList = (file: string) => file.startsWith("db/migrations/") || file === "lib/auth/common-passwords.ts";

const checked = productFiles().filter((file) => !isDataList(file));

/** Lines as `wc -l` counts them: the newline ending the last line opens no line of its own. */
const lineCount = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

/** Lines a node spans, its first and last counted (the code is formatted by Prettier, so this is stable). */
function linesOf(source: ts.SourceFile, node: ts.Node) {
  const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
  const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
  return { first: first + 1, count: last - first + 1 };
}

/** A function's name as a reader would look for it: its own, or the variable or property it is given to. */
function nameOf(node: ts.FunctionLikeDeclaration) {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name)
    return parent.name.getText();
  return "(anonymous function)";
}

/** Every function (declaration, arrow, expression, method) in `text` longer than `maxLines`, as "file:line name (n lines)". */
function longFunctions(file: string, text: string, maxLines = maxFunctionLines): string[] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const { first, count } = linesOf(source, node);
      if (count > maxLines)
        found.push(`${file}:${first} ${nameOf(node as ts.FunctionLikeDeclaration)} (${count} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("the size of product code (app, lib, db, inngest, cli)", () => {
  it(`has no function over ${maxFunctionLines} lines`, () => {
    expect(checked.flatMap((file) => longFunctions(file, readProductFile(file)))).toEqual([]);
  });

  it(`has no file over ${maxFileLines} lines but the data lists`, () => {
    const long = checked
      .map((file) => ({ file, lines: lineCount(readProductFile(file)) }))
      .filter(({ lines }) => lines > maxFileLines)
      .map(({ file, lines }) => `${file} (${lines} lines)`);
    expect(long).toEqual([]);
  });

  it("finds a long function however it is written, by the name a reader would look for", () => {
    const body = Array.from({ length: 5 }, (_, i) => `  const a${i} = ${i};`).join("\n");
    const text = [
      `function declared() {\n${body}\n}`,
      `const arrow = () => {\n${body}\n};`,
      `class Holder {\n  method() {\n${body}\n  }\n}`,
      `function short() {\n  return 1;\n}`,
    ].join("\n");
    expect(longFunctions(path.join("lib", "planted.ts"), text, 5)).toEqual([
      "lib/planted.ts:1 declared (7 lines)",
      "lib/planted.ts:8 arrow (7 lines)",
      "lib/planted.ts:16 method (7 lines)",
    ]);
  });
});
