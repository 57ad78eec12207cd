// `npm run bench -- --continuous`: many organizations syncing "Continuously (within a minute)" (issue 29), first
// idle, then with changes arriving at random. The fake serves them from this process, which makes the changes and
// watches PostgreSQL for them; the minute's poll and the functions it starts run in a child (continuous-engine.ts).
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { syncConcurrencyLimit } from "@/lib/job-engine/sync-concurrency";
import { caFileForNode } from "@/tests/fake-entra/certificates";
import type { CustomerTenant } from "@/tests/fake-entra/customer-tenants";
import { startFakeEntra, type FakeEntra } from "@/tests/fake-entra/server";
import { connectCustomerTenant } from "@/tests/support/organizations";
import { runBenchChild } from "./bench-children";
import type { ContinuousEngineOutcome } from "./continuous-engine";

export type ContinuousCase = {
  organizations: number;
  users: number;
  devices: number;
  /** Minutes with changes arriving, and minutes before them with none. */
  minutes: number;
  idleMinutes: number;
  changesPerMinute: number;
  latencyMs: number;
  concurrency: number;
  eventPort: number;
};

type Phase = {
  minutes: number;
  changes: number;
  /** Seconds from a change in the fake to its row in PostgreSQL (seen by a poll of the table every 0.5 s). */
  latency: { p50: number; p95: number; max: number } | null;
  notArrived: number;
  graphPerOrganizationMinute: number;
  runsRecorded: number;
  cpuSecondsPerMinute: number;
  databaseSecondsPerMinute: number;
  engine: ContinuousEngineOutcome;
};

export type ContinuousMeasurement = ContinuousCase & { setupSeconds: number; idle: Phase; busy: Phase };

const WATCH_EVERY_MS = 500;

/** Time PostgreSQL spent executing statements in this database so far (pg_stat_database.active_time), in seconds. */
async function databaseSeconds() {
  const [row] = await db.execute<{ ms: number }>(
    sql`SELECT active_time AS ms FROM pg_stat_database WHERE datname = current_database()`,
  );
  return Number(row.ms) / 1000;
}

const countRuns = async () =>
  Number((await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM sync_runs`))[0].n);

function percentile(sorted: number[], share: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

/** One phase: the child's minutes of polling while this process makes `changesPerMinute` changes at random times. */
async function measurePhase(
  fake: FakeEntra,
  customers: CustomerTenant[],
  bench: ContinuousCase,
  env: NodeJS.ProcessEnv,
  minutes: number,
  changesPerMinute: number,
  label: string,
): Promise<Phase> {
  const made = new Map<string, number>();
  const seen = new Map<string, number>();
  const timers: NodeJS.Timeout[] = [];
  const used = new Set<string>();
  let at = { graph: 0, database: 0, runs: 0 };
  let end = { graph: 0, database: 0, runs: 0 };
  const snapshot = async () => ({
    graph: fake.control.requestCounts().graph,
    database: await databaseSeconds(),
    runs: await countRuns(),
  });
  const watch = async () => {
    const rows = await db.execute<{ title: string }>(
      sql`SELECT job_title AS title FROM clients WHERE job_title LIKE ${`${label}-%`}`,
    );
    for (const { title } of rows) if (!seen.has(title)) seen.set(title, Date.now());
  };
  const change = (sequence: number) => {
    let tenant: CustomerTenant, index: number;
    do {
      tenant = customers[Math.floor(Math.random() * customers.length)];
      index = Math.floor(Math.random() * bench.users);
    } while (used.has(`${tenant.tenantId}/${index}`));
    used.add(`${tenant.tenantId}/${index}`);
    const title = `${label}-${sequence}`;
    const id = fake.control.userIdAt({ tenantId: tenant.tenantId, index });
    fake.control.updateUser({ tenantId: tenant.tenantId, id, changes: { jobTitle: title } });
    made.set(title, Date.now());
  };
  let watcher: NodeJS.Timeout | undefined;
  let [starting, ending] = [Promise.resolve(), Promise.resolve()];
  // Changes stop a few seconds before the last tick, so each is in a tick's reach (the wait is still up to a minute).
  const changing = minutes * 60_000 - 5_000;
  const engine = await runBenchChild<ContinuousEngineOutcome>(
    "continuous-engine.ts",
    [String(minutes)],
    env,
    [],
    (news) => {
      if (news.started) {
        starting = snapshot().then((taken) => void (at = taken));
        const total = Math.round(minutes * changesPerMinute);
        for (let sequence = 0; sequence < total; sequence++)
          timers.push(setTimeout(() => change(sequence), Math.random() * changing));
        watcher = setInterval(() => void watch(), WATCH_EVERY_MS);
      }
      if (news.measured) ending = snapshot().then((taken) => void (end = taken));
    },
  );
  await Promise.all([starting, ending]);
  clearInterval(watcher);
  timers.forEach(clearTimeout);
  await watch();
  const latencies = [...made]
    .flatMap(([title, madeAt]) => (seen.has(title) ? [(seen.get(title)! - madeAt) / 1000] : []))
    .sort((a, b) => a - b);
  const round = (seconds: number) => Math.round(seconds * 10) / 10;
  return {
    minutes,
    changes: made.size,
    latency: latencies.length
      ? {
          p50: round(percentile(latencies, 0.5)),
          p95: round(percentile(latencies, 0.95)),
          max: round(latencies.at(-1)!),
        }
      : null,
    notArrived: made.size - latencies.length,
    graphPerOrganizationMinute: (end.graph - at.graph) / bench.organizations / minutes,
    runsRecorded: end.runs - at.runs,
    cpuSecondsPerMinute: engine.cpuSeconds / minutes,
    databaseSecondsPerMinute: (end.database - at.database) / minutes,
    engine,
  };
}

/**
 * Every organization connected by its own app with Sync frequency Continuously, synced once in full (the first
 * round of each kind has no delta link), then measured idle and with changes.
 */
export async function measureContinuous(bench: ContinuousCase): Promise<ContinuousMeasurement> {
  const setupStarted = performance.now();
  const fake = await startFakeEntra({ users: 10, devices: 0 });
  try {
    const customers = fake.control.addTenants({
      count: bench.organizations,
      users: bench.users,
      devices: bench.devices,
      seed: "continuous",
    });
    // Named apart from the many-tenants case's organizations, which the full bench leaves in the same database.
    for (const tenant of customers)
      await connectCustomerTenant(
        { ...tenant, displayName: `${tenant.displayName} continuous` },
        { syncFrequency: "continuous" },
      );
    fake.control.setLatency({ ms: bench.latencyMs, target: "graph" });
    const env = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: await caFileForNode(),
      AZURE_AUTHORITY_HOST: fake.url,
      GRAPH_BASE_URL: fake.url,
      INNGEST_DEV: `http://127.0.0.1:${bench.eventPort}`,
      VERTASK_SYNC_CONCURRENCY: String(bench.concurrency),
    };
    // The first minute's rounds find no delta link: a full sync of each kind, which keeps one.
    await runBenchChild<ContinuousEngineOutcome>("continuous-engine.ts", ["0"], env);
    fake.control.resetRequestCounts();
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const idle = await measurePhase(fake, customers, bench, env, bench.idleMinutes, 0, "idle");
    const busy = await measurePhase(fake, customers, bench, env, bench.minutes, bench.changesPerMinute, "bench");
    return { ...bench, setupSeconds, idle, busy };
  } finally {
    await fake.close();
  }
}

/** The case docs/performance.md reports. */
export const continuousDefaults = (eventPort: number): ContinuousCase => ({
  organizations: 200,
  users: 50,
  devices: 10,
  minutes: 5,
  idleMinutes: 2,
  changesPerMinute: 40,
  latencyMs: 100,
  concurrency: syncConcurrencyLimit(),
  eventPort,
});

/** The report's lines: one column per phase. */
export function continuousTable(m: ContinuousMeasurement): string[] {
  const row = (label: string, value: (p: Phase) => string) => `| ${label} | ${value(m.idle)} | ${value(m.busy)} |`;
  const failures = [m.idle, m.busy].flatMap((p) => p.engine.failures);
  return [
    `### Continuously: ${m.organizations} organizations of ${m.users} users and ${m.devices} devices, ${m.latencyMs} ms Graph latency`,
    "",
    "The minute's poll (inngest/delta-poll-tick.ts, its cron run once a minute) asks a delta round of users and of devices per",
    "organization; a stand-in event API runs sync-delta and the sync functions within their concurrency limits " +
      `(VERTASK_SYNC_CONCURRENCY=${m.concurrency}). Changes: a user's job title, at random times and organizations;`,
    `latency is from the change in the fake to its row seen in PostgreSQL (watched every ${WATCH_EVERY_MS / 1000} s). CPU: the engine's`,
    "process (the functions, their database client); database: pg_stat_database.active_time, the watcher's queries included.",
    "",
    `| measure | idle, ${m.idleMinutes} min | changes, ${m.minutes} min |`,
    "|---|---|---|",
    row("changes made (not arrived by the end)", (p) => `${p.changes} (${p.notArrived})`),
    row("change to row: p50, p95, max", (p) =>
      p.latency ? `${p.latency.p50} s, ${p.latency.p95} s, ${p.latency.max} s` : "–",
    ),
    row("Graph requests per organization per minute", (p) => p.graphPerOrganizationMinute.toFixed(2)),
    row("run-history rows written", (p) => String(p.runsRecorded)),
    row("CPU seconds per minute (engine process)", (p) => p.cpuSecondsPerMinute.toFixed(1)),
    row("database seconds per minute", (p) => p.databaseSecondsPerMinute.toFixed(1)),
    row("longest minute's tick, start to all done", (p) => `${p.engine.longestTickSeconds.toFixed(1)} s`),
    row("peak memory of the engine process", (p) => `${p.engine.peakMemoryMB.toFixed(0)} MB`),
    "",
    `Setting up (${m.organizations} fake tenants and organizations, and a first full sync of each): ${m.setupSeconds.toFixed(1)} s.`,
    ...(failures.length ? ["", `First failures: ${failures.slice(0, 5).join("; ")}`] : []),
  ];
}
