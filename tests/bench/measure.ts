// One measurement at a time, each in its own process, with the fake tenant's latency set around it.
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import type { SyncKind } from "@/db/schema";
import { runBenchChild, syncHeapOptions, type SyncOutcome } from "./bench-children";
import type { BenchTenant } from "./bench-tenant";
import type { LowerBound } from "./lower-bound";

export type SyncMode = "full" | "delta";

export type SyncMeasurement = SyncOutcome & {
  kind: SyncKind;
  mode: SyncMode;
  latencyMs: number;
  graphRequests: number;
};

/**
 * Each measurement starts right after a checkpoint, so PostgreSQL's periodic one (every 5 minutes) does not
 * land in some measurements and not others. A server that refuses CHECKPOINT (no privilege) is measured as it is.
 */
async function withLatency<T>(tenant: BenchTenant, latencyMs: number, work: () => Promise<T>): Promise<T> {
  await db.execute(sql`CHECKPOINT`).catch(() => {});
  const { control } = tenant.fake;
  control.setLatency({ ms: latencyMs, target: "graph" });
  try {
    return await work();
  } finally {
    control.clearFaults();
  }
}

/** One sync, as `npm run sync` runs it, with the Graph requests the fake answered for it. */
export async function measureSync(
  tenant: BenchTenant,
  kind: SyncKind,
  mode: SyncMode,
  latencyMs: number,
): Promise<SyncMeasurement> {
  tenant.fake.control.resetRequestCounts();
  const args = mode === "full" ? [kind, "--full"] : [kind];
  const outcome = await withLatency(tenant, latencyMs, () =>
    runBenchChild<SyncOutcome>("sync-once.ts", args, tenant.childEnv, syncHeapOptions()),
  );
  if (outcome.status !== "succeeded") throw new Error(`The ${mode} ${kind} sync ended as ${outcome.status}.`);
  return { ...outcome, kind, mode, latencyMs, graphRequests: tenant.fake.control.requestCounts().graph };
}

/** The same Graph reads alone, and (unless fetchOnly) a COPY of the same rows. */
export function measureBound(
  tenant: BenchTenant,
  kind: SyncKind,
  mode: SyncMode,
  latencyMs: number,
  fetchOnly = false,
) {
  const args = [kind, mode, ...(fetchOnly ? ["--fetch-only"] : [])];
  return withLatency(tenant, latencyMs, () => runBenchChild<LowerBound>("lower-bound.ts", args, tenant.childEnv));
}
