// The write half of the lower bound: PostgreSQL's fastest way in, one COPY of every row into an empty copy
// of the real table (same columns, generated search column and indexes, so the same work per row).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { getTableColumns } from "drizzle-orm";
import type { Sql } from "postgres";
import { clients, devices } from "@/db/schema";

/** A value in COPY's text format: \N for null, escaped tabs, newlines and backslashes, arrays as literals. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return "\\N";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "t" : "f";
  if (Array.isArray(value))
    return copyText(`{${value.map((item) => `"${String(item).replace(/["\\]/g, "\\$&")}"`).join(",")}}`);
  return String(value).replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!);
}

/** Creates `bench_copy_<table>`, times encoding and COPYing the rows into it, drops it; milliseconds. */
export async function copyIntoEmptyTable(sql: Sql, tableName: "clients" | "devices", rows: Record<string, unknown>[]) {
  const columns = getTableColumns(tableName === "clients" ? clients : devices) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0]);
  const target = `bench_copy_${tableName}`;
  await sql.unsafe(`DROP TABLE IF EXISTS ${target}`);
  await sql.unsafe(`CREATE TABLE ${target} (LIKE ${tableName} INCLUDING ALL)`);
  const started = performance.now();
  const lines = function* () {
    for (let i = 0; i < rows.length; i += 1000) {
      yield rows
        .slice(i, i + 1000)
        .map((row) => keys.map((key) => copyText(row[key])).join("\t") + "\n")
        .join("");
    }
  };
  const writable = await sql
    .unsafe(`COPY ${target} (${keys.map((key) => `"${columns[key].name}"`).join(", ")}) FROM STDIN`)
    .writable();
  await pipeline(Readable.from(lines()), writable);
  const ms = performance.now() - started;
  await sql.unsafe(`DROP TABLE ${target}`);
  return ms;
}
