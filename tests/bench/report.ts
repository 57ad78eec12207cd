// The benchmark's printed table, with each figure next to its target from issue 7.
import { OWNER_BATCHES_AT_ONCE } from "@/lib/sync/devices-page";
import type { Timing } from "./list-timing";
import type { LowerBound } from "./lower-bound";
import type { SyncMeasurement } from "./measure";

export type SyncRow = {
  label: string;
  sync: SyncMeasurement;
  /** Graph reads alone (at the same latency) and the COPY of the same rows. */
  bound: { fetchMs: number; copyMs: number };
  /** The same sync with no added latency, for the latency target. */
  withoutLatency?: SyncRow;
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const thousands = (n: number) => Math.round(n).toLocaleString("en");
const mark = (met: boolean) => (met ? "met" : "MISSED");

/** Graph answers the sync waits for one after another: its pages, and a devices delta's owner batches, several at once. */
export function waitsInSequence(sync: SyncMeasurement) {
  return sync.pages + Math.ceil((sync.graphRequests - sync.pages) / OWNER_BATCHES_AT_ONCE);
}

/** Issue 15's targets at 100 ms per Graph request: full users ≤ 15 s, full devices ≤ 25 s, a devices delta ≤ 2.5 s. */
function latencyTargetMs(sync: SyncMeasurement): number | null {
  if (sync.latencyMs !== 100) return null;
  if (sync.mode === "full") return sync.kind === "users" ? 15_000 : 25_000;
  return sync.kind === "devices" ? 2_500 : null;
}

function target(row: SyncRow): string {
  const { sync } = row;
  if (row.withoutLatency) {
    // The only thing latency may add is the wait for Microsoft. Nominally 100 ms per wait (the issue's
    // formula); measured, what the same latency added to fetching the same pages alone.
    const added = sync.ms - row.withoutLatency.sync.ms;
    const waited = row.bound.fetchMs - row.withoutLatency.bound.fetchMs;
    const nominal = waitsInSequence(sync) * sync.latencyMs;
    const overlap = `added ${seconds(added)}: ≤ 1.1 × ${seconds(waited)} measured wait: ${mark(added <= 1.1 * waited)}; ≤ 1.1 × ${waitsInSequence(sync)} × ${sync.latencyMs} ms nominal: ${mark(added <= 1.1 * nominal)}`;
    const limit = latencyTargetMs(sync);
    return limit === null ? overlap : `${overlap}; issue 15: ≤ ${seconds(limit)}: ${mark(sync.ms <= limit)}`;
  }
  if (sync.mode === "delta") return `< 2 s: ${mark(sync.ms < 2000)}`;
  if (sync.kind === "users") {
    const ratio = sync.ms / (row.bound.fetchMs + row.bound.copyMs);
    const rate = (sync.counts?.created ?? 0) / (sync.ms / 1000);
    return `≤ 2× bound and ≥ 5,000/s: ${mark(ratio <= 2 && rate >= 5000)}`;
  }
  return "—";
}

export function syncTable(rows: SyncRow[]): string[] {
  const lines = [
    "| sync | latency | pages | Graph requests (waits in sequence) | time | objects/s | fetch alone | COPY alone | bound = fetch + COPY | × bound | peak RSS | target |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const row of rows) {
    const { sync, bound } = row;
    const objects = Object.values(sync.counts ?? {}).reduce((sum, n) => sum + n, 0);
    const total = bound.fetchMs + bound.copyMs;
    lines.push(
      `| ${row.label} | ${sync.latencyMs} ms | ${sync.pages} | ${thousands(sync.graphRequests)} (${thousands(waitsInSequence(sync))}) | ${seconds(sync.ms)} | ${thousands(objects / (sync.ms / 1000))} ` +
        `| ${seconds(bound.fetchMs)} | ${seconds(bound.copyMs)} | ${seconds(total)} | ${(sync.ms / total).toFixed(2)}× | ${thousands(sync.peakMemoryMB)} MB | ${target(row)} |`,
    );
  }
  return lines;
}

export function listTable(
  clientCount: number,
  requests: number,
  timings: [string, Timing][],
  targetMs = 100,
): string[] {
  return [
    `| at ${thousands(clientCount)} clients (${requests} requests each) | median | p95 | target: p95 < ${targetMs} ms |`,
    "|---|---|---|---|",
    ...timings.map(
      ([label, t]) => `| ${label} | ${t.median.toFixed(1)} ms | ${t.p95.toFixed(1)} ms | ${mark(t.p95 < targetMs)} |`,
    ),
  ];
}

/** Issue 15's million: the same full users sync at 100,000 and at 1,000,000 users, without latency. */
export function millionTable(reference: SyncMeasurement, million: SyncMeasurement): string[] {
  const rate = (sync: SyncMeasurement) => (sync.counts?.created ?? 0) / (sync.ms / 1000);
  const rateChange = rate(million) / rate(reference) - 1;
  const memoryChange = million.peakMemoryMB / reference.peakMemoryMB - 1;
  const percent = (change: number) => `${change >= 0 ? "+" : ""}${(change * 100).toFixed(0)}%`;
  return [
    "| full users sync, 0 ms | time | objects/s | peak RSS |",
    "|---|---|---|---|",
    `| 100,000 users | ${seconds(reference.ms)} | ${thousands(rate(reference))} | ${thousands(reference.peakMemoryMB)} MB |`,
    `| 1,000,000 users | ${seconds(million.ms)} | ${thousands(rate(million))} | ${thousands(million.peakMemoryMB)} MB |`,
    `| 1,000,000 against 100,000 | | ${percent(rateChange)} (target: within 20%: ${mark(Math.abs(rateChange) <= 0.2)}) | ${percent(memoryChange)} (target: < 300 MB and within 10%: ${mark(million.peakMemoryMB < 300 && Math.abs(memoryChange) <= 0.1)}) |`,
  ];
}

/**
 * Peak memory by tenant size. The target compares the smallest tenant with the largest; the sizes between
 * show where the peak levels off.
 */
export function memoryTable(runs: [number, SyncMeasurement][]): string[] {
  const [largestUsers, largest] = runs[runs.length - 1];
  const against = ([users, sync]: [number, SyncMeasurement], index: number) => {
    const growth = largest.peakMemoryMB / sync.peakMemoryMB - 1;
    const heap = largest.liveHeapMB - sync.liveHeapMB;
    const verdict = index === 0 ? `the same (peak within 10%): ${mark(Math.abs(growth) <= 0.1)}` : "—";
    return `| ${thousands(largestUsers)} against ${thousands(users)} users | ${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(0)}% | ${heap >= 0 ? "+" : ""}${heap.toFixed(1)} MB | ${verdict} |`;
  };
  return [
    "| sync process, full users sync | peak RSS | JS heap still live after the run | target: < 300 MB, the same at 10,000 and 100,000 users |",
    "|---|---|---|---|",
    ...runs.map(
      ([users, sync]) =>
        `| ${thousands(users)} users | ${thousands(sync.peakMemoryMB)} MB | ${sync.liveHeapMB.toFixed(1)} MB | < 300 MB: ${mark(sync.peakMemoryMB < 300)} |`,
    ),
    ...runs.slice(0, -1).map(against),
  ];
}

export type BoundLine = [string, LowerBound];

export function boundTable(bounds: BoundLine[]): string[] {
  return [
    "| lower bound, measured | Graph requests | fetch alone | rows | COPY alone |",
    "|---|---|---|---|---|",
    ...bounds.map(
      ([label, b]) =>
        `| ${label} | ${thousands(b.requests)} | ${seconds(b.fetchMs)} | ${thousands(b.rows)} | ${b.copyMs === null ? "—" : seconds(b.copyMs)} |`,
    ),
  ];
}
