// The daily pruning of records' histories: only events older than VERTASK_HISTORY_DAYS (default 400) go, a batch
// of ids per statement, and a bad value is refused with a sentence saying what to set.
import { InngestTestEngine } from "@inngest/test";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { pruneRecordHistory } from "@/inngest/prune-record-history";
import { deleteRecordEventsBefore } from "@/lib/history";
import { historyRetentionDays, historyRetentionProblem } from "@/lib/history/retention";
import { resetDatabase } from "../support/database";

beforeEach(resetDatabase);
afterEach(() => {
  delete process.env.VERTASK_HISTORY_DAYS;
});
afterAll(closeDatabase);

/** `count` events, each of its own client, `daysAgo` days and `minutesOff` minutes old. */
async function eventsAged(count: number, daysAgo: number, minutesOff = 0) {
  await db.execute(sql`
    INSERT INTO record_events (organization_id, client_id, kind, at)
    SELECT gen_random_uuid(), gen_random_uuid(), 'changed', now() - make_interval(days => ${daysAgo}, mins => ${minutesOff})
    FROM generate_series(1, ${count})`);
}

async function agesLeft() {
  const rows = await db.execute<{ days: number; n: number }>(sql`
    SELECT floor(extract(epoch FROM now() - at) / 86400)::int AS days, count(*)::int AS n
    FROM record_events GROUP BY 1 ORDER BY 1`);
  return [...rows];
}

const runPruning = () =>
  new InngestTestEngine({ function: pruneRecordHistory }).execute({
    events: [{ name: "inngest/scheduled.timer", data: {} }] as never,
  });

describe("pruning records' histories", () => {
  it("deletes only the events older than 400 days by default", async () => {
    await eventsAged(3, 0);
    await eventsAged(4, 399, 60);
    await eventsAged(5, 400, 60);
    await eventsAged(6, 900);
    const { result } = await runPruning();
    expect(result).toMatchObject({ deleted: 11 });
    expect(await agesLeft()).toEqual([
      { days: 0, n: 3 },
      { days: 399, n: 4 },
    ]);
  });

  it("keeps VERTASK_HISTORY_DAYS days instead when it is set", async () => {
    process.env.VERTASK_HISTORY_DAYS = "30";
    await eventsAged(2, 29, 60);
    await eventsAged(7, 30, 60);
    await eventsAged(1, 500);
    const { result } = await runPruning();
    expect(result).toMatchObject({ deleted: 8 });
    expect(await agesLeft()).toEqual([{ days: 29, n: 2 }]);
  });

  it("deletes 5,000 events per statement until none is left, going on where the last step stopped", async () => {
    await eventsAged(12_000, 500);
    await eventsAged(10, 1);
    const cutoff = new Date(Date.now() - 400 * 86_400_000);
    expect(await deleteRecordEventsBefore(cutoff, 2)).toEqual({ deleted: 10_000, batches: 2, done: false });
    expect(await deleteRecordEventsBefore(cutoff, 20)).toEqual({ deleted: 2_000, batches: 1, done: true });
    expect(await agesLeft()).toEqual([{ days: 1, n: 10 }]);
  });

  it("with a bad VERTASK_HISTORY_DAYS it deletes nothing and says what to set", async () => {
    process.env.VERTASK_HISTORY_DAYS = "a year";
    await eventsAged(3, 900);
    const { error } = await runPruning();
    expect(String((error as Error | undefined)?.message ?? error)).toContain(
      'VERTASK_HISTORY_DAYS must be a whole number of days from 1 to 36,500 (how long each record\'s history is kept; default 400), not "a year".',
    );
    expect(await agesLeft()).toEqual([{ days: 900, n: 3 }]);
  });
});

describe("VERTASK_HISTORY_DAYS", () => {
  it("is a whole number of days from 1 to 36,500; unset or empty means 400", () => {
    expect(historyRetentionDays({})).toBe(400);
    expect(historyRetentionDays({ VERTASK_HISTORY_DAYS: " " })).toBe(400);
    expect(historyRetentionDays({ VERTASK_HISTORY_DAYS: " 90 " })).toBe(90);
    for (const value of ["0", "-5", "1.5", "36501", "forever"])
      expect(historyRetentionProblem({ VERTASK_HISTORY_DAYS: value })).toMatch(
        new RegExp(`^VERTASK_HISTORY_DAYS must be a whole number of days .* not "${value}"\\.$`),
      );
  });
});
