// The one database module: every part of the app reads and writes through `db`.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

function connect() {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error(
      "DATABASE_URL is not set: start the app with `npm run dev` or set it (see docs/operations.md, Environment variables).",
    );
  const sql = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
  return drizzle(sql, { schema });
}

type Database = ReturnType<typeof connect>;
// One pool per process, kept across Next.js dev reloads.
const holder = globalThis as unknown as { vertaskDb?: Database };

export const db: Database = new Proxy({} as Database, {
  get(_target, property) {
    holder.vertaskDb ??= connect();
    return Reflect.get(holder.vertaskDb, property);
  },
});

export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export async function closeDatabase() {
  // A query on a connection the server dropped may never answer: give up on it after 5 s.
  await holder.vertaskDb?.$client.end({ timeout: 5 });
  holder.vertaskDb = undefined;
}
