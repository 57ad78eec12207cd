// Counts the statements the app sends while some work runs: db/client.ts keeps its one pool on globalThis.vertaskDb
// (the `db` proxy reads it on every use), so for the work's duration that pool is a second one whose drizzle logger
// counts. No product code knows about it.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "@/db/schema";

export async function countQueries<T>(
  work: () => Promise<T>,
): Promise<{ result: T; queries: number; statements: string[] }> {
  const statements: string[] = [];
  const client = postgres(process.env.DATABASE_URL!, { max: 4, onnotice: () => {} });
  const counted = drizzle(client, { schema, logger: { logQuery: (query) => void statements.push(query) } });
  const holder = globalThis as unknown as { vertaskDb?: unknown };
  const previous = holder.vertaskDb;
  holder.vertaskDb = counted;
  try {
    const result = await work();
    return { result, queries: statements.length, statements };
  } finally {
    holder.vertaskDb = previous;
    await client.end({ timeout: 5 });
  }
}
