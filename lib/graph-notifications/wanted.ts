import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { entraConnections, type EntraConnection, type SubscribedResource } from "@/db/schema";
import { readyToSyncSql } from "@/lib/connections";
import { notificationUrls } from "./endpoints";

// Which connections hold Graph subscriptions: those in continuous mode ("Continuously (within a minute)"), enabled
// and set up, while APP_URL is https. Any other connection (disabled, on another frequency, deleted) holds none.

const continuousSql = eq(entraConnections.syncFrequency, "continuous");

/** The connections that want subscriptions, as SQL over entra_connections (false without an https APP_URL). */
export function wantsSubscriptionsSql() {
  return notificationUrls() ? and(readyToSyncSql, continuousSql)! : sql`false`;
}

/** Users always; groups too when the users sync is scoped by group, as a group's membership decides who is synced. */
export function resourcesFor(connection: Pick<EntraConnection, "usersScope">): SubscribedResource[] {
  return connection.usersScope.mode === "groups" ? ["users", "groups"] : ["users"];
}

/** As resourcesFor, in SQL: how many subscriptions a connection wanting them holds. */
export const wantedCountSql = sql<number>`CASE WHEN ${entraConnections.usersScope}->>'mode' = 'groups' THEN 2 ELSE 1 END`;
