import { migrateDatabase } from "@/db/migrate";
import { productionStartRefusal } from "./production-environment";

/**
 * Runs once as each app server starts, before it takes a request (instrumentation.ts): a production start
 * with something missing stops here, naming it; then pending migrations are applied (once, whichever of
 * several hosts starting together gets there first).
 */
export async function prepareServer(env = process.env) {
  if (env.NODE_ENV === "production") {
    const refusal = productionStartRefusal(env);
    if (refusal) {
      console.error(refusal);
      process.exit(1);
    }
  }
  if (env.DATABASE_URL) await migrateDatabase(env.DATABASE_URL);
}
