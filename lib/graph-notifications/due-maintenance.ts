import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, graphSubscriptions } from "@/db/schema";
import { notificationUrls } from "./endpoints";
import { RENEW_WHEN_LEFT_MS } from "./maintain";
import { wantedCountSql, wantsSubscriptionsSql } from "./wanted";

/**
 * The connections whose subscriptions need Graph now, in one query: one wanting subscriptions that holds fewer live
 * ones than it wants; one holding a subscription it no longer wants (disabled, another frequency, out of scope, made for another APP_URL),
 * near expiry, marked by a lifecycle notification, or left half-made. Every other connection costs nothing.
 */
export async function connectionsDueForMaintenance(now: Date): Promise<string[]> {
  // Raw SQL takes dates as text.
  const at = now.toISOString();
  const renewBy = new Date(now.getTime() + RENEW_WHEN_LEFT_MS).toISOString();
  const notificationUrl = notificationUrls()?.notificationUrl ?? "";
  const s = graphSubscriptions;
  const rows = await db.execute<{ id: string }>(sql`
    SELECT ${entraConnections.id} AS id FROM ${entraConnections}
    WHERE (${wantsSubscriptionsSql()} AND (
        SELECT count(*) FROM ${s} WHERE ${s.connectionId} = ${entraConnections.id}
          AND ${s.subscriptionId} IS NOT NULL AND ${s.removedAt} IS NULL AND ${s.expiresAt} > ${at}::timestamptz
          AND ${s.notificationUrl} = ${notificationUrl}
      ) < ${wantedCountSql})
    OR EXISTS (
      SELECT 1 FROM ${s} WHERE ${s.connectionId} = ${entraConnections.id} AND (
        NOT (${wantsSubscriptionsSql()})
        OR (${s.resource} = 'groups' AND ${entraConnections.usersScope}->>'mode' <> 'groups')
        OR ${s.notificationUrl} <> ${notificationUrl}
        OR ${s.subscriptionId} IS NULL OR ${s.removedAt} IS NOT NULL OR ${s.renewalRequestedAt} IS NOT NULL
        OR ${s.expiresAt} <= ${renewBy}::timestamptz
      )
    )`);
  return rows.map((row) => row.id);
}
