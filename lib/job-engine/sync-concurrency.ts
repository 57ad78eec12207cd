// How many syncs the job engine runs at once. Inngest counts executing steps, not runs: a sync between two
// of its steps holds no slot. Each limit is sent to Inngest when the app registers its functions.

type Environment = Record<string, string | undefined>;

/** One of Inngest's concurrency constraints (a function takes at most two). */
type ConcurrencyLimit = { key?: string; limit: number; scope?: "fn" | "env" | "account" };

const SYNC_CONCURRENCY_VARIABLE = "VERTASK_SYNC_CONCURRENCY";
const DEFAULT_SYNC_CONCURRENCY = 10;
const MOST_SYNCS_AT_ONCE = 1000;

/** The key every sync function shares across the environment: one pool of slots for users, devices and previews. */
const SHARED_SYNC_SLOTS_KEY = `"vertask-graph-syncs"`;

/** What is wrong with VERTASK_SYNC_CONCURRENCY, in a sentence; null when it is unset or a usable number. */
export function syncConcurrencyProblem(env: Environment = process.env): string | null {
  const value = env[SYNC_CONCURRENCY_VARIABLE]?.trim();
  if (!value) return null;
  const limit = Number(value);
  if (/^\d+$/.test(value) && limit >= 1 && limit <= MOST_SYNCS_AT_ONCE) return null;
  return `${SYNC_CONCURRENCY_VARIABLE} must be a whole number from 1 to ${MOST_SYNCS_AT_ONCE} (how many syncs run at once; default ${DEFAULT_SYNC_CONCURRENCY}), not "${value}".`;
}

/** The number of syncs of all connections that may run at once; throws the problem's sentence for a bad value. */
export function syncConcurrencyLimit(env: Environment = process.env): number {
  const problem = syncConcurrencyProblem(env);
  if (problem) throw new Error(problem);
  const value = env[SYNC_CONCURRENCY_VARIABLE]?.trim();
  return value ? Number(value) : DEFAULT_SYNC_CONCURRENCY;
}

/**
 * The concurrency of every sync function (users, devices, previews): one at a time per connection for that
 * function (each kind apart), and at most `syncConcurrencyLimit()` sync steps at once across all of them, so
 * hundreds of connections due in the same minute wait their turn, oldest first, instead of all calling Graph
 * and the database at once.
 */
export function syncFunctionConcurrency(env: Environment = process.env): [ConcurrencyLimit, ConcurrencyLimit] {
  return [
    { key: "event.data.connectionId", limit: 1 },
    { scope: "env" as const, key: SHARED_SYNC_SLOTS_KEY, limit: syncConcurrencyLimit(env) },
  ];
}
