import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, type SyncKind } from "@/db/schema";
import { readyToSyncSql } from "@/lib/connections";

export type DeltaPoll = { connectionId: string; kind: SyncKind };

/**
 * The connections whose users Microsoft Graph notifies Vertask of (a live change-notification subscription on
 * /users, table graph_subscriptions): their users need no poll. Merge seam: that table comes with the change
 * notifications (branch notify); until it exists every connection's users are polled.
 */
async function usersNotifiedConnections(): Promise<Set<string>> {
  const [{ present }] = await db.execute<{ present: boolean }>(
    sql`SELECT to_regclass('graph_subscriptions') IS NOT NULL AS present`,
  );
  if (!present) return new Set();
  const rows = await db.execute<{ connection_id: string }>(sql`
    SELECT DISTINCT connection_id FROM graph_subscriptions
    WHERE resource = 'users' AND subscription_id IS NOT NULL AND removed_at IS NULL AND expires_at > now()`);
  return new Set([...rows].map((row) => row.connection_id));
}

/**
 * The delta rounds the minute's poll asks for: every connection syncing Continuously (Status Enabled, a
 * credential saved), devices always (Graph has no change notifications for devices), users unless Graph
 * notifies their changes.
 */
export async function findDeltaPolls(): Promise<DeltaPoll[]> {
  const [connections, notified] = await Promise.all([
    db
      .select({ connectionId: entraConnections.id })
      .from(entraConnections)
      .where(and(eq(entraConnections.syncFrequency, "continuous"), readyToSyncSql)),
    usersNotifiedConnections(),
  ]);
  return connections.flatMap(({ connectionId }) => [
    ...(notified.has(connectionId) ? [] : [{ connectionId, kind: "users" as const }]),
    { connectionId, kind: "devices" as const },
  ]);
}
