import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import path from "node:path";

/**
 * Applies the committed migrations; safe to run any number of times, and from several hosts at once: an
 * advisory lock lets one apply them while the others wait, then find nothing left to do.
 */
export async function migrateDatabase(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`SELECT pg_advisory_lock(hashtextextended('vertask-migrations', 0))`;
    await migrate(drizzle(sql), { migrationsFolder: path.resolve("db/migrations") });
  } finally {
    // Closing the connection releases the lock too.
    await sql.end();
  }
}

/** Creates the database named in `url` when it does not exist yet (embedded setups). */
export async function createDatabaseIfMissing(url: string, { fresh = false } = {}) {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  target.pathname = "/postgres";
  const sql = postgres(target.toString(), { max: 1, onnotice: () => {} });
  try {
    if (fresh) await sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const [row] = await sql`SELECT 1 AS found FROM pg_database WHERE datname = ${name}`;
    if (!row) await sql.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await sql.end();
  }
}
