// `npm run bench -- --tenants`: an IT provider's many customer tenants, all due at once (issue 17). The fake serves
// them from this process; the schedule tick and the sync functions run in a child (many-tenants-engine.ts).
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { syncConcurrencyLimit } from "@/lib/job-engine/sync-concurrency";
import { caFileForNode } from "@/tests/fake-entra/certificates";
import { startFakeEntra } from "@/tests/fake-entra/server";
import { connectCustomerTenant } from "@/tests/support/organizations";
import { runBenchChild } from "./bench-children";
import { forgetSyncedRecords } from "./bench-tenant";
import type { ManyTenantsOutcome } from "./many-tenants-engine";

export type ManyTenantsCase = {
  tenants: number;
  users: number;
  devices: number;
  latencyMs: number;
  concurrency: number;
  eventPort: number;
};

type EngineMode = "functions" | "plain";

type EngineMeasurement = {
  outcome: ManyTenantsOutcome;
  graphRequests: number;
  clientsPerOrganization: { fewest: number; most: number };
};

export type ManyTenantsMeasurement = ManyTenantsCase & { setupMs: number } & Record<EngineMode, EngineMeasurement>;

async function clientsPerOrganization() {
  const [counts] = await db.execute<{ fewest: number; most: number }>(sql`
    SELECT coalesce(min(n), 0)::int AS fewest, coalesce(max(n), 0)::int AS most FROM (
      SELECT count(c.id) AS n FROM organizations o JOIN entra_connections e ON e.organization_id = o.id
      LEFT JOIN clients c ON c.organization_id = o.id WHERE e.sync_frequency = 'hourly' GROUP BY o.id) per_organization`);
  return counts;
}

/**
 * Every tenant connected by its own app, Sync frequency Every hour and never synced, so all are due at the first
 * tick; measured through the sync functions, then (everything synced forgotten) with plain steps.
 */
export async function measureManyTenants(bench: ManyTenantsCase): Promise<ManyTenantsMeasurement> {
  const setupStarted = performance.now();
  const fake = await startFakeEntra({ users: 10, devices: 0 });
  try {
    const customers = fake.control.addTenants({
      count: bench.tenants,
      users: bench.users,
      devices: bench.devices,
      seed: "bench",
    });
    for (const tenant of customers) await connectCustomerTenant(tenant, { syncFrequency: "hourly" });
    const setupMs = performance.now() - setupStarted;
    fake.control.setLatency({ ms: bench.latencyMs, target: "graph" });
    const env = {
      ...process.env,
      NODE_EXTRA_CA_CERTS: await caFileForNode(),
      AZURE_AUTHORITY_HOST: fake.url,
      GRAPH_BASE_URL: fake.url,
      INNGEST_DEV: `http://127.0.0.1:${bench.eventPort}`,
      VERTASK_SYNC_CONCURRENCY: String(bench.concurrency),
    };
    const measure = async (mode: EngineMode): Promise<EngineMeasurement> => {
      fake.control.resetRequestCounts();
      const outcome = await runBenchChild<ManyTenantsOutcome>("many-tenants-engine.ts", [mode], env);
      return {
        outcome,
        graphRequests: fake.control.requestCounts().graph,
        clientsPerOrganization: await clientsPerOrganization(),
      };
    };
    const functions = await measure("functions");
    await forgetSyncedRecords(["users", "devices"]);
    const plain = await measure("plain");
    return { ...bench, setupMs, functions, plain };
  } finally {
    await fake.close();
  }
}

/** The case docs/performance.md reports; VERTASK_SYNC_CONCURRENCY, when set, as the app would take it (default 10). */
export const manyTenantsDefaults = (eventPort: number): ManyTenantsCase => ({
  tenants: 200,
  users: 500,
  devices: 50,
  latencyMs: 100,
  concurrency: syncConcurrencyLimit(),
  eventPort,
});

/** The report's lines for the case: one column per way of running the steps. */
export function manyTenantsTable(m: ManyTenantsMeasurement): string[] {
  const row = (label: string, value: (e: EngineMeasurement) => string) =>
    `| ${label} | ${value(m.functions)} | ${value(m.plain)} |`;
  const syncs = (e: EngineMeasurement) => e.outcome.runs.succeeded + e.outcome.runs.other;
  const failures = [m.functions, m.plain].flatMap((e) => e.outcome.failures);
  return [
    `### Many tenants: ${m.tenants} organizations of ${m.users} users and ${m.devices} devices, all due at once, ${m.latencyMs} ms Graph latency`,
    "",
    "The schedule tick (its cron run) sends one event per connection and kind over HTTP to a stand-in event API, which starts",
    "each sync once the sync functions' own concurrency limits give it a slot (one per connection and kind; " +
      `VERTASK_SYNC_CONCURRENCY=${m.concurrency} in all). The stand-in holds a slot for a whole run; Inngest counts executing steps only.`,
    "Through the functions: the sync functions run by @inngest/test. Plain steps: the same syncs with each step a plain call",
    "(as npm run sync runs them), for the memory the syncs themselves take: @inngest/test keeps part of every run it makes.",
    "",
    "| measure | through the functions | plain steps |",
    "|---|---|---|",
    row(
      "syncs sent by one tick",
      (e) =>
        `${e.outcome.sent} (${e.outcome.runs.succeeded} succeeded${e.outcome.runs.other ? `, ${e.outcome.runs.other} did not` : ""})`,
    ),
    row("total time, tick to last sync finished", (e) => `${(e.outcome.ms / 1000).toFixed(1)} s`),
    row(
      "most syncs running at once (stand-in / run history)",
      (e) => `${e.outcome.mostAtOnce} / ${e.outcome.mostAtOnceInTheRunHistory}`,
    ),
    row(
      "wait from queued to started: median, 90th percentile, longest",
      (e) => `${e.outcome.waitSeconds.median} s, ${e.outcome.waitSeconds.p90} s, ${e.outcome.waitSeconds.longest} s`,
    ),
    row(
      "one sync from start to end: median, longest",
      (e) => `${e.outcome.runSeconds.median} s, ${e.outcome.runSeconds.longest} s`,
    ),
    row(
      "Graph requests",
      (e) => `${e.graphRequests.toLocaleString("en")} (${(e.graphRequests / Math.max(1, syncs(e))).toFixed(1)} a sync)`,
    ),
    row(
      "clients per organization afterwards: fewest, most",
      (e) => `${e.clientsPerOrganization.fewest}, ${e.clientsPerOrganization.most}`,
    ),
    row(
      "peak memory of the process (its heap at the end, collected)",
      (e) => `${e.outcome.peakMemoryMB.toFixed(0)} MB (${e.outcome.liveHeapMB.toFixed(0)} MB)`,
    ),
    "",
    `Setting up (${m.tenants} fake tenants, ${m.tenants} organizations saved): ${(m.setupMs / 1000).toFixed(1)} s.`,
    ...(failures.length ? ["", `First failures: ${failures.slice(0, 5).join("; ")}`] : []),
  ];
}
