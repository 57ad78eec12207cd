import { migrateDatabase } from "@/db/migrate";
import { syncConcurrencyProblem } from "@/lib/job-engine/sync-concurrency";
import { historyRetentionProblem } from "@/lib/history/retention";
import { productionStartRefusal } from "./production-environment";

function refuseToStart(reason: string): never {
  console.error(reason);
  process.exit(1);
}

/**
 * Runs once as each app server starts, before it takes a request (instrumentation.ts): a production start
 * with something missing stops here, naming it, as does any start with a setting it cannot use; then pending
 * migrations are applied (once, whichever of several hosts starting together gets there first).
 */
export async function prepareServer(env = process.env) {
  const unusable = syncConcurrencyProblem(env) ?? historyRetentionProblem(env);
  if (unusable) refuseToStart(`Vertask will not start: ${unusable}`);
  if (env.NODE_ENV === "production") {
    const refusal = productionStartRefusal(env);
    if (refusal) refuseToStart(refusal);
  }
  if (env.DATABASE_URL) await migrateDatabase(env.DATABASE_URL);
}
