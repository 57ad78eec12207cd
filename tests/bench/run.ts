// `npm run bench`: sync and list speed at 100,000 users against this machine's own limit (issue 7).
// Needs DATABASE_URL on an empty, migrated database (lib/local/run.ts --fresh gives one) and runs
// under tsx --conditions=react-server. See docs/performance.md for what it measures and why.
import os from "node:os";
import { sql } from "drizzle-orm";
import { closeDatabase, db } from "@/db/client";
import { buildApp, startApp } from "./app-server";
import type { SyncKind } from "@/db/schema";
import type { Actor } from "@/lib/auth/authorize";
import {
  BENCH_PASSWORD,
  changeDevices,
  changeUsers,
  forgetSyncedRecords,
  startBenchTenant,
  type BenchTenant,
} from "./bench-tenant";
import { listCases, signIn, timeRequests, type Timing } from "./list-timing";
import type { LowerBound } from "./lower-bound";
import { measureBound, measureSync, type SyncMeasurement } from "./measure";
import { manyTenantsDefaults, manyTenantsTable, measureManyTenants } from "./many-tenants";
import { measureThousandOrganizations, thousandOrganizationsTable, THOUSAND } from "./thousand-organizations";
import { historyCostTable, measureHistoryCost } from "./history-cost";
import { measureRadar, radarTables } from "./attention-radar";
import { continuousDefaults, continuousTable, measureContinuous } from "./continuous";
import { boundTable, listTable, memoryTable, millionTable, syncTable, type BoundLine, type SyncRow } from "./report";

const USERS = 100_000;
const DEVICES = 50_000;
/** Memory is compared at 10,000 and 100,000 users; 30,000 shows where the peak levels off. */
const SMALLER_TENANTS = [10_000, 30_000];
const CHANGES = 1_000;
const DELTA_ROUNDS = 3;
const LATENCY_MS = 100;
const LIST_REQUESTS = 50;
const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3210);
/** The event API the many-tenants case's stand-in listens on. */
const EVENT_PORT = APP_PORT + 1;

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function describeMachine() {
  const [{ server_version: postgres }] = await db.execute<{ server_version: string }>(sql`SHOW server_version`);
  return `${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, PostgreSQL ${postgres}`;
}

const heading = (started: number) =>
  `## Vertask benchmark (${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, ${((performance.now() - started) / 60000).toFixed(1)} min)`;

/** `npm run bench -- --million`: a full users sync of 1,000,000 users against 100,000, and the lists at 1,000,000 clients. */
async function million() {
  const started = performance.now();
  const machine = await describeMachine();
  log("next build (the list timings use the production server)…");
  const built = await buildApp().then(
    () => null,
    (error: Error) => error.message,
  );
  log("full users sync of 100,000 users, the reference…");
  const reference = await startBenchTenant({ users: USERS, devices: 0 });
  const referenceSync = await measureSync(reference, "users", "full", 0);
  await reference.fake.close();
  await forgetSyncedRecords(["users"]);
  log("full users sync of 1,000,000 users…");
  const tenant = await startBenchTenant({ users: 1_000_000, devices: 0 }, reference.admin);
  const sync = await measureSync(tenant, "users", "full", 0);
  const lists = built ? [] : await measureLists(tenant.childEnv, tenant.admin.email);
  await tenant.fake.close();
  console.log(
    [
      "",
      heading(started),
      `Machine: ${machine}`,
      "",
      ...millionTable(referenceSync, sync),
      "",
      ...(built ? [`List timings not measured: ${built}`] : listTable(1_000_000, LIST_REQUESTS, lists, 150)),
    ].join("\n"),
  );
}

/** The case of many tenants due at once: the last of `npm run bench`, or alone with `npm run bench -- --tenants [count]`. */
async function tenants() {
  const started = performance.now();
  const machine = await describeMachine();
  // `--tenants 20` for a quicker look; the case in docs/performance.md is the default, 200.
  const count = Number(process.argv[process.argv.indexOf("--tenants") + 1]);
  const bench = { ...manyTenantsDefaults(EVENT_PORT), ...(count > 0 ? { tenants: count } : {}) };
  log(
    `${THOUSAND.toLocaleString("en")} organizations: the schedule tick, the daily check, the alert sweep, the overview…`,
  );
  const thousand = await measureThousandOrganizations();
  // Printed at once: the syncs of many tenants below take minutes.
  console.log(["", ...thousandOrganizationsTable(thousand)].join("\n"));
  log(`${bench.tenants} tenants of ${bench.users} users and ${bench.devices} devices, all due at once…`);
  const measured = await measureManyTenants(bench);
  console.log(["", heading(started), `Machine: ${machine}`, "", ...manyTenantsTable(measured)].join("\n"));
}

/** What records' history costs the syncs (issue 25): part of `npm run bench`, or alone with `--history`. */
async function historyCost(tenant?: BenchTenant) {
  const started = performance.now();
  const own = !tenant;
  tenant ??= await startBenchTenant({ users: USERS, devices: DEVICES });
  log("history: full users, delta users and full devices syncs, with history and without, alternating…");
  const costs = [
    await measureHistoryCost(tenant, "users", "full", `full users, ${USERS.toLocaleString("en")} users`),
    await measureHistoryCost(tenant, "users", "delta", `delta users, ${CHANGES.toLocaleString("en")} changes`),
    await measureHistoryCost(tenant, "devices", "full", `full devices, ${DEVICES.toLocaleString("en")} devices`),
  ];
  if (own) await tenant.fake.close();
  console.log(["", heading(started), "", ...historyCostTable(costs)].join("\n"));
}

/**
 * The attention radar (issue 28): part of `npm run bench`, or alone with `--radar`, which syncs the users once
 * (for the devices' owners) and measures its own full devices syncs.
 */
async function radar(tenant?: BenchTenant, fullDevicesSyncs: SyncMeasurement[] = [], built = true) {
  const started = performance.now();
  const own = !tenant;
  if (!tenant) {
    log("next build (the list timings use the production server)…");
    built = await buildApp().then(
      () => true,
      () => false,
    );
    tenant = await startBenchTenant({ users: USERS, devices: DEVICES });
    log("radar: a full users sync for the devices' owners…");
    await measureSync(tenant, "users", "full", 0);
  }
  log("radar: full devices syncs with the radar, the radar alone, the Needs attention list…");
  const measured = await measureRadar(tenant, { syncs: own, built, appPort: APP_PORT, requests: LIST_REQUESTS });
  if (own) await tenant.fake.close();
  console.log(["", heading(started), "", ...radarTables(measured, fullDevicesSyncs)].join("\n"));
}

/** The flag's number (`--flag 20`), when one follows it. */
const numberAfter = (flag: string) => Number(process.argv[process.argv.indexOf(flag) + 1]) || undefined;

/**
 * Many organizations syncing Continuously (issue 29), idle and with changes: the last of `npm run bench`, or alone
 * with `npm run bench -- --continuous [organizations] [--minutes N]` (`--continuous 20 --minutes 1` for a quick look).
 */
async function continuous() {
  const started = performance.now();
  const defaults = continuousDefaults(EVENT_PORT);
  const minutes = numberAfter("--minutes");
  const bench = {
    ...defaults,
    organizations: numberAfter("--continuous") ?? defaults.organizations,
    ...(minutes ? { minutes, idleMinutes: Math.min(defaults.idleMinutes, minutes) } : {}),
  };
  log(
    `${bench.organizations} organizations syncing continuously: ${bench.idleMinutes} min idle, then ${bench.minutes} min with ${bench.changesPerMinute} changes a minute…`,
  );
  const measured = await measureContinuous(bench);
  console.log(["", heading(started), "", ...continuousTable(measured)].join("\n"));
}

async function main() {
  if (process.argv.includes("--million")) return million();
  if (process.argv.includes("--radar")) return radar();
  if (process.argv.includes("--continuous")) return continuous();
  if (process.argv.includes("--history")) return historyCost();
  if (process.argv.includes("--tenants")) return tenants();
  const started = performance.now();
  const machine = await describeMachine();

  log("next build (the list timings use the production server)…");
  const built = await buildApp().then(
    (ms) => (log(`built in ${(ms / 1000).toFixed(0)} s`), null),
    (error: Error) => error.message,
  );

  const memory: [number, SyncMeasurement][] = [];
  let admin: Actor | undefined;
  for (const users of SMALLER_TENANTS) {
    log(`memory at ${users.toLocaleString("en")} users: a full users sync of a smaller tenant…`);
    const small = await startBenchTenant({ users, devices: 0 }, admin);
    admin = small.admin;
    memory.push([users, await measureSync(small, "users", "full", 0)]);
    await small.fake.close();
    await forgetSyncedRecords(["users"]);
  }

  const tenant = await startBenchTenant({ users: USERS, devices: DEVICES }, admin);
  const rows: SyncRow[] = [];
  const bounds: BoundLine[] = [];
  let lists: [string, Timing][] = [];
  for (const kind of ["users", "devices"] as const) {
    rows.push(...(await fullSyncs(tenant, kind, bounds)));
    // Right after the full users syncs the database holds exactly 100,000 clients.
    if (kind === "users" && !built) lists = await measureLists(tenant.childEnv, tenant.admin.email);
    rows.push(...(await deltaSyncs(tenant, kind, bounds)));
  }

  console.log(
    [
      "",
      heading(started),
      `Machine: ${machine}`,
      `Fake tenant: ${USERS.toLocaleString("en")} users, ${DEVICES.toLocaleString("en")} devices; delta pages of 200 (the fake's default); latency added to every Graph request.`,
      "Each sync: a command_line run of lib/sync-runs/run-sync.ts in its own process (steps as plain calls), into PostgreSQL.",
      "",
      ...syncTable(rows),
      "",
      ...boundTable(bounds),
      "",
      ...(built ? [`List timings not measured: ${built}`] : listTable(USERS, LIST_REQUESTS, lists)),
      "",
      ...memoryTable([...memory, [USERS, rows[0].sync]]),
    ].join("\n"),
  );
  await historyCost(tenant);
  // The history part leaves every device synced (its last sync is a full devices sync with history).
  const fullDevices = rows.filter((row) => row.sync.kind === "devices" && row.sync.mode === "full");
  await radar(
    tenant,
    fullDevices.map((row) => row.sync),
    !built,
  );
  await tenant.fake.close();
  // Printed on its own, after the report above, so a failure here loses none of it.
  await tenants();
  await continuous();
}

/** A full sync with no added latency and one at 100 ms, each into an empty table, with their lower bounds. */
async function fullSyncs(tenant: BenchTenant, kind: SyncKind, bounds: BoundLine[]): Promise<SyncRow[]> {
  const label = `full ${kind}, ${(kind === "users" ? USERS : DEVICES).toLocaleString("en")} ${kind}`;
  log(`${kind}: lower bound (fetch, then COPY), full sync, full sync at ${LATENCY_MS} ms…`);
  const bound = await measureBound(tenant, kind, "full", 0);
  const slowFetch = await measureBound(tenant, kind, "full", LATENCY_MS, true);
  bounds.push([`${kind}, full listing, 0 ms`, bound], [`${kind}, full listing, ${LATENCY_MS} ms`, slowFetch]);
  const full = await measureSync(tenant, kind, "full", 0);
  await forgetSyncedRecords([kind]);
  const slow = await measureSync(tenant, kind, "full", LATENCY_MS);
  const first: SyncRow = { label, sync: full, bound: { fetchMs: bound.fetchMs, copyMs: bound.copyMs! } };
  return [
    first,
    { label, sync: slow, bound: { fetchMs: slowFetch.fetchMs, copyMs: bound.copyMs! }, withoutLatency: first },
  ];
}

/**
 * A delta sync after 1,000 changes in the tenant, at 0 and at 100 ms, three times each (alternating) since a
 * five-page run is short enough for noise to matter: the row shows the run with the median time.
 */
async function deltaSyncs(tenant: BenchTenant, kind: SyncKind, bounds: BoundLine[]): Promise<SyncRow[]> {
  const label = `delta ${kind}, ${CHANGES.toLocaleString("en")} changes (median of ${DELTA_ROUNDS})`;
  log(
    `${kind}: delta sync after ${CHANGES.toLocaleString("en")} changes, ${DELTA_ROUNDS} times at 0 and at ${LATENCY_MS} ms…`,
  );
  const runs: Record<number, { row: SyncRow; bound: LowerBound }[]> = { 0: [], [LATENCY_MS]: [] };
  for (let round = 0; round < 2 * DELTA_ROUNDS; round++) {
    const latency = round % 2 === 0 ? 0 : LATENCY_MS;
    (kind === "users" ? changeUsers : changeDevices)(tenant.fake, CHANGES, round);
    const bound = await measureBound(tenant, kind, "delta", latency);
    const sync = await measureSync(tenant, kind, "delta", latency);
    runs[latency].push({ row: { label, sync, bound: { fetchMs: bound.fetchMs, copyMs: bound.copyMs! } }, bound });
  }
  const [quick, slow] = [0, LATENCY_MS].map((latency) => {
    const median = [...runs[latency]].sort((a, b) => a.row.sync.ms - b.row.sync.ms)[Math.floor(DELTA_ROUNDS / 2)];
    bounds.push([
      `${kind}, delta of ${CHANGES.toLocaleString("en")} changes, ${latency} ms (the median run's)`,
      median.bound,
    ]);
    return median.row;
  });
  return [quick, { ...slow, withoutLatency: quick }];
}

const HISTORY_EVENTS = 1_000;

/** Gives the first client by name a history of `events` events (its "created" and changes of two fields). */
async function clientWithLongHistory(events: number) {
  const [client] = await db.execute<{ id: string; organization_id: string }>(
    sql`SELECT id, organization_id FROM clients ORDER BY display_name, id LIMIT 1`,
  );
  await db.execute(sql`
    INSERT INTO record_events (organization_id, client_id, kind, at, staff_name, changes)
    SELECT ${client.organization_id}, ${client.id}, 'edited_by_hand', now() - make_interval(mins => n), 'Bench Admin',
      jsonb_build_array(jsonb_build_object('field', 'jobTitle', 'from', 'Title ' || n, 'to', 'Title ' || (n + 1)),
        jsonb_build_object('field', 'department', 'from', 'Sales', 'to', 'Finance'))
    FROM generate_series(1, ${events - 1}) AS n`);
  return client.id;
}

/** The list pages over HTTP against `next start`, at the full users sync's 100,000 clients. */
async function measureLists(env: NodeJS.ProcessEnv, email: string): Promise<[string, Timing][]> {
  log(`client list, search and CSV export: ${LIST_REQUESTS} requests each against next start…`);
  const app = await startApp(APP_PORT, env);
  try {
    const cookie = await signIn(app.baseUrl, email, BENCH_PASSWORD);
    const timings: [string, Timing][] = [];
    // The three (first page, a search, the export's first byte) and a search that matches nothing.
    for (const [label, path, firstByte] of listCases.filter(
      ([, path]) => path.startsWith("/clients") && !path.includes("page="),
    )) {
      timings.push([label, await timeRequests(app.baseUrl, cookie, path, LIST_REQUESTS, firstByte)]);
    }
    const told = await clientWithLongHistory(HISTORY_EVENTS);
    timings.push([
      `a client's page with ${HISTORY_EVENTS.toLocaleString("en")} history events`,
      await timeRequests(app.baseUrl, cookie, `/clients/${told}`, LIST_REQUESTS),
    ]);
    return timings;
  } finally {
    await app.stop();
  }
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(closeDatabase);
