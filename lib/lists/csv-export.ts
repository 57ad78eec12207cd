import "server-only";
import { is, type SQL } from "drizzle-orm";
import { PgTimestamp, PgTimestampString, type PgColumn } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { csvLine } from "./csv";

type Columns = Record<string, PgColumn | SQL>;
/** The list's query over the picked columns: `db.select(selection).from(…).where(…).orderBy(…)`. */
type BuildQuery = (selection: Columns) => { toSQL(): { sql: string; params: unknown[] } };

/** Rows fetched from the export's cursor at a time. */
const BATCH_ROWS = 2000;

/**
 * A list's every matching row as CSV (not one page): a BOM and the header line, then the rows in batches
 * from a cursor. Timestamps are ISO 8601 in UTC (the driver hands them over as PostgreSQL's text).
 *
 * The cursor is declared in SQL (DECLARE … CURSOR), so PostgreSQL plans for the first rows: at 1,000,000
 * clients it reads the name index instead of sorting every row first (one 1,000,000-row sort per export,
 * slowing every other request). A download stopped half-way ends the transaction and the read with it.
 */
export async function* csvExport(columns: Columns, buildQuery: BuildQuery): AsyncGenerator<string> {
  const headers = Object.keys(columns);
  const picked = Object.values(columns);
  const selection = Object.fromEntries(picked.map((column, i) => [`c${i}`, column]));
  const timestamps = picked.map((column) => is(column, PgTimestamp) || is(column, PgTimestampString));
  const statement = buildQuery(selection).toSQL();
  yield "\uFEFF" + csvLine(headers);
  const connection = await db.$client.reserve();
  let finished = false;
  try {
    await connection.unsafe("BEGIN READ ONLY");
    await connection.unsafe(`DECLARE export_rows NO SCROLL CURSOR FOR ${statement.sql}`, statement.params as never[]);
    for (;;) {
      const rows = await connection.unsafe(`FETCH ${BATCH_ROWS} FROM export_rows`).values();
      if (!rows.length) break;
      yield rows
        .map((row) =>
          csvLine((row as unknown[]).map((cell, i) => (timestamps[i] && cell !== null ? isoTimestamp(cell) : cell))),
        )
        .join("");
    }
    await connection.unsafe("COMMIT");
    finished = true;
  } finally {
    // A download stopped half-way leaves the transaction open: end it before the connection goes back.
    if (!finished) await connection.unsafe("ROLLBACK").catch(() => {});
    connection.release();
  }
}

function isoTimestamp(value: unknown) {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

/** The download a list's "Export CSV" link gets: the lines streamed as they are read. */
export function csvDownload(lines: AsyncGenerator<string>, noun: string) {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="vertask-${noun}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

/** The answer to "Export selected" with nothing ticked (a form posted without JavaScript): a page that says so. */
export function nothingTickedResponse(noun: string, listPath: string) {
  const page = `<!doctype html><html lang="en"><title>Nothing to export</title><main style="font-family:sans-serif;padding:2rem"><h1>Nothing to export</h1><p role="alert">Tick at least one ${noun} in the list, then choose Export selected (CSV).</p><p><a href="${listPath}">Back to the list</a></p></main></html>`;
  return new Response(page, { status: 400, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
