// Microsoft Graph change-notification subscriptions Vertask holds for its connections in continuous mode.
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { entraConnections } from "./organizations-and-connections";

/** What a subscription watches: users always, groups too when the users sync is scoped by group. */
export type SubscribedResource = "users" | "groups";

/**
 * One Graph subscription of a connection. Its clientState is a secret kept only as a SHA-256 hash: a
 * notification is believed when its clientState hashes to this. A row is written before Graph is asked
 * (subscriptionId null until Graph answers), so a creation cut short is seen and cleaned up by the next
 * maintenance. `renewalRequestedAt` and `removedAt` are set by the lifecycle notifications reauthorizationRequired
 * and subscriptionRemoved, for the maintenance to renew or create again.
 */
export const graphSubscriptions = pgTable(
  "graph_subscriptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    connectionId: uuid("connection_id")
      .notNull()
      .references(() => entraConnections.id, { onDelete: "cascade" }),
    resource: text("resource").$type<SubscribedResource>().notNull(),
    subscriptionId: text("subscription_id").unique(),
    // Where Graph sends its notifications: one made under another APP_URL is made again.
    notificationUrl: text("notification_url").notNull(),
    clientStateHash: text("client_state_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    renewalRequestedAt: timestamp("renewal_requested_at", { withTimezone: true }),
    removedAt: timestamp("removed_at", { withTimezone: true }),
    lastNotifiedAt: timestamp("last_notified_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("graph_subscriptions_connection").on(t.connectionId),
    index("graph_subscriptions_expiry").on(t.expiresAt),
  ],
);

export type GraphSubscription = typeof graphSubscriptions.$inferSelect;
