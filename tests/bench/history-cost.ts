// What records' history costs a sync (issue 25): the same syncs with history and without, alternating, each
// against its fetch + COPY bound. "Without" discards the history inserts in the database (a BEFORE INSERT trigger
// returning NULL on record_events), so the product code runs unchanged; the trigger's own call per row is
// counted in "without", which makes the difference look a little smaller than it is.
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { SyncKind } from "@/db/schema";
import { changeDevices, changeUsers, forgetSyncedRecords, type BenchTenant } from "./bench-tenant";
import { measureBound, measureSync, type SyncMode } from "./measure";

const ROUNDS = 2;
const DELTA_CHANGES = 1_000;

async function withoutHistory<T>(work: () => Promise<T>): Promise<T> {
  await db.execute(sql`
    CREATE OR REPLACE FUNCTION bench_discard_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`);
  await db.execute(sql`
    CREATE TRIGGER bench_without_history BEFORE INSERT ON record_events FOR EACH ROW EXECUTE FUNCTION bench_discard_history()`);
  try {
    return await work();
  } finally {
    await db.execute(sql`DROP TRIGGER bench_without_history ON record_events`);
  }
}

export type HistoryCost = {
  label: string;
  /** Each run's seconds, in the order measured. */
  withHistory: number[];
  without: number[];
  /** The fetch + COPY bound of a full sync (ms); null for a delta. */
  boundMs: number | null;
  events: number;
};

async function oneSync(tenant: BenchTenant, kind: SyncKind, mode: SyncMode, round: number) {
  if (mode === "full") await forgetSyncedRecords([kind]);
  else (kind === "users" ? changeUsers : changeDevices)(tenant.fake, DELTA_CHANGES, round + 10);
  return (await measureSync(tenant, kind, mode, 0)).ms;
}

/** The sync of this kind and mode, ROUNDS times with history and ROUNDS without, alternating. */
export async function measureHistoryCost(tenant: BenchTenant, kind: SyncKind, mode: SyncMode, label: string) {
  const cost: HistoryCost = { label, withHistory: [], without: [], boundMs: null, events: 0 };
  if (mode === "full") {
    const bound = await measureBound(tenant, kind, "full", 0);
    cost.boundMs = bound.fetchMs + bound.copyMs!;
  }
  for (let round = 0; round < 2 * ROUNDS; round++) {
    if (round % 2 === 0) {
      const before = await db.$count(sql`record_events`);
      cost.withHistory.push(await oneSync(tenant, kind, mode, round));
      cost.events = (await db.$count(sql`record_events`)) - before;
    } else cost.without.push(await withoutHistory(() => oneSync(tenant, kind, mode, round)));
  }
  return cost;
}

const best = (values: number[]) => Math.min(...values);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export function historyCostTable(costs: HistoryCost[]): string[] {
  const lines = [
    "| sync, 0 ms latency | events written | with history (each run) | without (each run) | with ÷ without (best of each) | × bound with history | target |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const cost of costs) {
    const ratio = best(cost.withHistory) / best(cost.without);
    const boundRatio = cost.boundMs ? best(cost.withHistory) / cost.boundMs : null;
    const limit = cost.label.startsWith("full users") ? 1.15 : cost.label.startsWith("full devices") ? 1.6 : null;
    const targets = [`≤ 1.10× without: ${ratio <= 1.1 ? "met" : "MISSED"}`];
    if (limit && boundRatio) targets.push(`≤ ${limit}× bound: ${boundRatio <= limit ? "met" : "MISSED"}`);
    lines.push(
      `| ${cost.label} | ${cost.events.toLocaleString("en")} | ${cost.withHistory.map(seconds).join(", ")} | ${cost.without.map(seconds).join(", ")} | ${ratio.toFixed(2)}× | ${boundRatio ? `${boundRatio.toFixed(2)}× (bound ${seconds(cost.boundMs!)})` : "—"} | ${targets.join("; ")} |`,
    );
  }
  return lines;
}
