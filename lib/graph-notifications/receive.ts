import "server-only";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db/client";
import { graphSubscriptions, type GraphSubscription } from "@/db/schema";
import { deltaRequested, subscriptionsMaintenanceRequested } from "@/lib/job-engine/events";
import { sendJobEvent } from "@/lib/job-engine/send-event";
import { clientStateMatches } from "./client-state";
import { countRefusal, lockedOutUntil } from "./notification-limits";

// What the two notification endpoints do with a request, within Graph's 3 seconds: answer the validation
// handshake, or check each notification's clientState, record what it asks for, and send job-engine events. No
// Graph call, no sync here; nothing of a notification (its clientState least of all) is logged.

/** Graph's batches are small; a body far past any of them is not Graph's. */
const MOST_BODY_BYTES = 1_000_000;

const notificationShape = z.object({
  subscriptionId: z.string().max(200),
  clientState: z.string().nullish(),
  lifecycleEvent: z.enum(["reauthorizationRequired", "subscriptionRemoved", "missed"]).optional(),
});
const collectionShape = z.object({ value: z.array(notificationShape).min(1).max(1000) });
type Notification = z.infer<typeof notificationShape>;

type Believed = { notification: Notification; subscription: GraphSubscription };

const plain = (status: number, text = "", headers: Record<string, string> = {}) =>
  new Response(text || null, {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff", ...headers },
  });

/**
 * The common part: the handshake ("notificationUrl validation": echo validationToken as text/plain, 200), the
 * lockout, the body's shape, and which notifications carry their subscription's clientState. A request with a
 * wrong clientState for a subscription Vertask holds, or a body that is not Graph's, counts against its address.
 */
async function believedNotifications(request: Request, clientAddress: string | null, now: Date) {
  const token = new URL(request.url).searchParams.get("validationToken");
  if (token !== null) return { answer: plain(200, token) };
  const lockedUntil = await lockedOutUntil(clientAddress, now);
  if (lockedUntil)
    return {
      answer: plain(429, "Too many refused requests.", {
        "retry-after": String(Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000)),
      }),
    };
  const text = await request.text();
  const parsed = text.length <= MOST_BODY_BYTES ? collectionShape.safeParse(safeJson(text)) : null;
  if (!parsed?.success) {
    await countRefusal(clientAddress, now);
    return { answer: plain(400, "Not a change notification collection.") };
  }
  const ids = [...new Set(parsed.data.value.map((n) => n.subscriptionId))];
  const held = new Map(
    (await db.select().from(graphSubscriptions).where(inArray(graphSubscriptions.subscriptionId, ids))).map((s) => [
      s.subscriptionId!,
      s,
    ]),
  );
  const believed: Believed[] = [];
  let forged = false;
  for (const notification of parsed.data.value) {
    const subscription = held.get(notification.subscriptionId);
    if (!subscription) continue;
    if (clientStateMatches(subscription.clientStateHash, notification.clientState))
      believed.push({ notification, subscription });
    else forged = true;
  }
  if (forged) await countRefusal(clientAddress, now);
  if (forged && !believed.length) return { answer: plain(403, "Refused.") };
  return { believed };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

const connectionsOf = (believed: Believed[]) => [...new Set(believed.map((b) => b.subscription.connectionId))];

/** Sends the events; a job engine that cannot be reached answers 503, so Graph sends the notifications again. */
async function sendAll(events: Parameters<typeof sendJobEvent>[0][]) {
  try {
    for (const event of events) await sendJobEvent(event, "the notification was not handled");
    return plain(202);
  } catch {
    return plain(503, "Try again later.");
  }
}

/**
 * POST /api/graph/notifications: a change to users or groups of a connection asks for one delta round of its
 * users (a group's change can move users in or out of a group-scoped sync), whatever the number of notifications.
 */
export async function receiveChangeNotifications(request: Request, clientAddress: string | null, now = new Date()) {
  const outcome = await believedNotifications(request, clientAddress, now);
  if (outcome.answer) return outcome.answer;
  const believed = outcome.believed ?? [];
  if (!believed.length) return plain(202);
  await db
    .update(graphSubscriptions)
    .set({ lastNotifiedAt: now })
    .where(inArray(graphSubscriptions.id, [...new Set(believed.map((b) => b.subscription.id))]));
  return sendAll(
    connectionsOf(believed).map((connectionId) =>
      deltaRequested.create({ connectionId, kind: "users", reason: "notification" }),
    ),
  );
}

/**
 * POST /api/graph/lifecycle: reauthorizationRequired marks the subscription for renewal, subscriptionRemoved marks
 * it for creating again (the maintenance then runs a delta to catch up), missed asks for a delta at once.
 */
export async function receiveLifecycleNotifications(request: Request, clientAddress: string | null, now = new Date()) {
  const outcome = await believedNotifications(request, clientAddress, now);
  if (outcome.answer) return outcome.answer;
  const believed = outcome.believed ?? [];
  const subscriptionsWith = (event: Notification["lifecycleEvent"]) =>
    believed.filter((b) => b.notification.lifecycleEvent === event).map((b) => b.subscription);
  const toRenew = subscriptionsWith("reauthorizationRequired");
  const removed = subscriptionsWith("subscriptionRemoved");
  const missed = subscriptionsWith("missed");
  if (toRenew.length)
    await db
      .update(graphSubscriptions)
      .set({ renewalRequestedAt: now })
      .where(
        inArray(
          graphSubscriptions.id,
          toRenew.map((s) => s.id),
        ),
      );
  if (removed.length)
    await db
      .update(graphSubscriptions)
      .set({ removedAt: now })
      .where(
        inArray(
          graphSubscriptions.id,
          removed.map((s) => s.id),
        ),
      );
  const maintain = [...new Set([...toRenew, ...removed].map((s) => s.connectionId))];
  const catchUp = [...new Set(missed.map((s) => s.connectionId))];
  return sendAll([
    ...maintain.map((connectionId) => subscriptionsMaintenanceRequested.create({ connectionId })),
    ...catchUp.map((connectionId) => deltaRequested.create({ connectionId, kind: "users", reason: "lifecycle" })),
  ]);
}
