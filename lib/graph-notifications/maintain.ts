import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { db } from "@/db/client";
import { entraConnections, graphSubscriptions, type GraphSubscription, type SubscribedResource } from "@/db/schema";
import {
  createGraphSubscription,
  deleteGraphSubscription,
  DIRECTORY_SUBSCRIPTION_MAX_MINUTES,
  EntraError,
  isGoneFromGraph,
  listGraphSubscriptions,
  openGraphSession,
  renewGraphSubscription,
  type GraphOptions,
  type GraphSession,
} from "@/lib/azure";
import { entraSettingsOf, findConnectionById } from "@/lib/connections";
import { hashClientState, newClientState } from "./client-state";
import { NOTIFICATION_PATH, notificationUrls } from "./endpoints";
import { resourcesFor, wantsSubscriptionsSql } from "./wanted";

const minute = 60_000;
/** Asked for a little under Graph's most for users and groups (41,760 minutes), so clocks a little apart still agree. */
const LIFETIME_MS = (DIRECTORY_SUBSCRIPTION_MAX_MINUTES - 60) * minute;
/** Renewed once less than this is left: about once every 27 days per subscription. */
export const RENEW_WHEN_LEFT_MS = 2 * 24 * 60 * minute;

export type MaintenanceOutcome = {
  created: number;
  renewed: number;
  deleted: number;
  /** A subscription was made (first, or again): changes made while there was none come with a delta round. */
  catchUp: boolean;
};

const live = (row: GraphSubscription, now: Date) =>
  row.subscriptionId !== null && row.removedAt === null && row.expiresAt !== null && row.expiresAt > now;

/**
 * Brings one connection's Graph subscriptions in line with its settings: deletes those it no longer wants (disabled,
 * another frequency, no https APP_URL or another one, a resource out of scope), renews those near expiry or whose reauthorization
 * Graph asked for, and creates the missing ones (again after subscriptionRemoved or expiry). Runs one at a time per
 * connection (inngest/maintain-graph-subscriptions.ts). Each Graph call is followed by its own write, so a run cut
 * short leaves rows the next one understands: a row written before a creation and never completed is cleaned up
 * with the subscription Graph may have made for it.
 */
export async function maintainGraphSubscriptions(
  connectionId: string,
  now = new Date(),
  options: GraphOptions = {},
): Promise<MaintenanceOutcome> {
  const outcome: MaintenanceOutcome = { created: 0, renewed: 0, deleted: 0, catchUp: false };
  const rows = await db.select().from(graphSubscriptions).where(eq(graphSubscriptions.connectionId, connectionId));
  const [wanting] = await db
    .select({ id: entraConnections.id })
    .from(entraConnections)
    .where(and(eq(entraConnections.id, connectionId), wantsSubscriptionsSql()));
  const connection = await findConnectionById(connectionId);
  const wanted = new Set<SubscribedResource>(wanting && connection ? resourcesFor(connection) : []);
  if (!rows.length && !wanted.size) return outcome;

  const settings = connection && (await entraSettingsOf(connection));
  if (!settings) {
    // Without a credential Graph cannot be asked: its subscriptions expire on their own (at most 29 days), and
    // their notifications are ignored once the rows are gone.
    await forget(rows.map((row) => row.id));
    outcome.deleted += rows.length;
    return outcome;
  }
  const graph = openGraphSession(settings, options);

  const interrupted = rows.filter((row) => row.subscriptionId === null);
  if (interrupted.length) await deleteUnknownSubscriptions(graph, rows);
  await forget(interrupted.map((row) => row.id));

  const urls = notificationUrls();
  for (const row of rows.filter((row) => row.subscriptionId !== null)) {
    const keep = wanted.has(row.resource) && live(row, now) && row.notificationUrl === urls?.notificationUrl;
    if (!keep) {
      // One Graph removed or let expire is gone already; any other is deleted there first.
      if (row.removedAt === null && row.expiresAt !== null && row.expiresAt > now)
        await deleteGraphSubscription(graph, row.subscriptionId!, row.resource);
      await forget([row.id]);
      outcome.deleted++;
      continue;
    }
    if (row.renewalRequestedAt === null && row.expiresAt!.getTime() - now.getTime() > RENEW_WHEN_LEFT_MS) {
      wanted.delete(row.resource);
      continue;
    }
    try {
      const renewed = await renewGraphSubscription(graph, row.subscriptionId!, row.resource, expiryFrom(now));
      await db
        .update(graphSubscriptions)
        .set({ expiresAt: renewed.expiresAt, renewalRequestedAt: null })
        .where(eq(graphSubscriptions.id, row.id));
      outcome.renewed++;
      wanted.delete(row.resource);
    } catch (error) {
      if (!isGoneFromGraph(error)) throw error;
      await forget([row.id]);
      outcome.deleted++;
    }
  }

  for (const resource of wanted) {
    if (!urls) break;
    await createSubscription(graph, connectionId, resource, urls, now);
    outcome.created++;
    outcome.catchUp = true;
  }
  return outcome;
}

const expiryFrom = (now: Date) => new Date(now.getTime() + LIFETIME_MS);

async function forget(ids: string[]) {
  if (ids.length) await db.delete(graphSubscriptions).where(inArray(graphSubscriptions.id, ids));
}

/** The row first (its clientState only as a hash), then Graph, then the id Graph gave: a cut between leaves a row without one. */
async function createSubscription(
  graph: GraphSession,
  connectionId: string,
  resource: SubscribedResource,
  urls: { notificationUrl: string; lifecycleNotificationUrl: string },
  now: Date,
) {
  const clientState = newClientState();
  const [row] = await db
    .insert(graphSubscriptions)
    .values({
      connectionId,
      resource,
      notificationUrl: urls.notificationUrl,
      clientStateHash: hashClientState(clientState),
    })
    .returning({ id: graphSubscriptions.id });
  try {
    const made = await createGraphSubscription(graph, { resource, ...urls, clientState, expiresAt: expiryFrom(now) });
    await db
      .update(graphSubscriptions)
      .set({ subscriptionId: made.id, expiresAt: made.expiresAt })
      .where(eq(graphSubscriptions.id, row.id));
  } catch (error) {
    // Graph answered with an error (the validation failed, a permission is missing): nothing was made there.
    if (error instanceof EntraError && (error.cause as { statusCode?: unknown } | undefined)?.statusCode)
      await forget([row.id]);
    throw error;
  }
}

/** After a creation cut short: the app's subscriptions to this app's notification URL that no row knows are deleted. */
async function deleteUnknownSubscriptions(graph: GraphSession, rows: GraphSubscription[]) {
  const known = new Set(rows.map((row) => row.subscriptionId));
  for (const subscription of await listGraphSubscriptions(graph)) {
    if (known.has(subscription.id) || !new URL(subscription.notificationUrl).pathname.endsWith(NOTIFICATION_PATH))
      continue;
    await deleteGraphSubscription(graph, subscription.id, "users");
  }
}
