import { sql } from "drizzle-orm";
import { db } from "@/db/client";

/** For load balancers: 200 when this host can reach the database, 503 when not. Says nothing more. */
export async function GET() {
  const healthy = await db.execute(sql`SELECT 1`).then(
    () => true,
    () => false,
  );
  return new Response(healthy ? "ok" : "unavailable", {
    status: healthy ? 200 : 503,
    headers: { "content-type": "text/plain", "cache-control": "no-store" },
  });
}
