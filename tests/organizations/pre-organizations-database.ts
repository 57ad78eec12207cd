// A database as Vertask left it before organizations (migrations 0000–0016), to apply 0017 to.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { databaseUrl } from "@/db/embedded";
import { createDatabaseIfMissing, migrateDatabase } from "@/db/migrate";

const migrations = path.resolve("db/migrations");

type Journal = { entries: { idx: number; tag: string }[] };

/** A copy of the committed migrations up to (not including) the one tagged `before`: the journal and their SQL. */
function migrationsBefore(before: string) {
  const folder = mkdtempSync(path.join(tmpdir(), "vertask-migrations-"));
  mkdirSync(path.join(folder, "meta"));
  const journal = JSON.parse(readFileSync(path.join(migrations, "meta/_journal.json"), "utf8")) as Journal;
  const cut = journal.entries.findIndex((entry) => entry.tag === before);
  if (cut < 0) throw new Error(`No migration ${before}`);
  const entries = journal.entries.slice(0, cut);
  for (const entry of entries)
    copyFileSync(path.join(migrations, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  return folder;
}

/**
 * A fresh database of its own (on the test server) migrated up to just before `before`; `upgrade()` then
 * applies the rest of the committed migrations, as a server starting with the new version does.
 */
export async function databaseBefore(before: string, name: string) {
  const url = databaseUrl(process.env.DATABASE_URL!, name);
  await createDatabaseIfMissing(url, { fresh: true });
  const folder = migrationsBefore(before);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder: folder });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return {
    sql,
    upgrade: () => migrateDatabase(url),
    drop: async () => {
      await sql.end();
      const server = postgres(databaseUrl(url, "postgres"), { max: 1, onnotice: () => {} });
      await server.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.end();
    },
  };
}
