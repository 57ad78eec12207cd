// A record's history is appended, never rewritten (lib/history): nothing in the product updates record_events, and
// the daily pruning is the only thing that deletes from it.
import { describe, expect, it } from "vitest";
import { productFiles, readProductFile } from "./imports";

/** The product files (app, cli, db, inngest, lib) whose text matches, migrations apart (they make the table). */
const filesMatching = (pattern: RegExp) =>
  productFiles().filter((file) => !file.startsWith("db/migrations/") && pattern.test(readProductFile(file)));

describe("records' histories are appended, never updated", () => {
  it("no product code updates record_events", () => {
    expect(filesMatching(/\.update\(\s*recordEvents\b|\bUPDATE\s+(ONLY\s+)?"?record_events\b/i)).toEqual([]);
  });

  it("the only deletion of record_events is the pruning of events older than the retention", () => {
    expect(
      filesMatching(
        /\.delete\(\s*recordEvents\b|\bDELETE\s+FROM\s+(ONLY\s+)?"?record_events\b|\bTRUNCATE\b[^;`]*\brecord_events\b/i,
      ),
    ).toEqual(["lib/history/prune.ts"]);
  });

  it("the rules see the code: events are appended in lib/history and in a sync's page write", () => {
    expect(filesMatching(/\.insert\(\s*recordEvents\b|\bINSERT\s+INTO\s+record_events\b/i)).toEqual(
      expect.arrayContaining(["lib/history/append.ts", "lib/sync/write-page.ts"]),
    );
  });
});
