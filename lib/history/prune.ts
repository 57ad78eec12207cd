import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";

/** Events per DELETE: each statement is its own short transaction, so no lock is held for long. */
const EVENTS_PER_BATCH = 5000;

/**
 * Deletes events older than `cutoff`, a batch of ids per statement, until none is left or `mostBatches` have run
 * (the caller goes on in its next step). The only DELETE of record_events: events are appended, never updated.
 * The BRIN index on `at` finds the old ones without reading the rest of the table.
 */
export async function deleteRecordEventsBefore(cutoff: Date, mostBatches: number, batchSize = EVENTS_PER_BATCH) {
  let deleted = 0;
  for (let batches = 0; batches < mostBatches; batches++) {
    const rows = await db.execute(sql`
      DELETE FROM record_events WHERE id IN (
        SELECT id FROM record_events WHERE at < ${cutoff.toISOString()}::timestamptz LIMIT ${batchSize})`);
    deleted += rows.count;
    if (rows.count < batchSize) return { deleted, batches: batches + 1, done: true };
  }
  return { deleted, batches: mostBatches, done: false };
}
