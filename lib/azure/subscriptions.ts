import "server-only";
import { z } from "zod";
import { EntraError, UnexpectedResponseError } from "./errors/entra-error";
import { deleteGraphObject, getGraphJson, patchGraphJson, postGraphJson } from "./graph-request";
import type { GraphSession } from "./graph-session";
import type { GraphResource } from "./permissions";

type SubscribedResource = Extract<GraphResource, "users" | "groups">;

// Graph change-notification subscriptions ("Create subscription", "Update subscription", "Delete subscription",
// "List subscriptions"; learn.microsoft.com/graph/api/resources/subscription). A subscription on users or groups
// needs the same application permission as reading them.

const subscriptionShape = z.object({ id: z.string(), expirationDateTime: z.string(), notificationUrl: z.string() });
export type GraphSubscriptionAnswer = { id: string; expiresAt: Date; notificationUrl: string };

/** Users, groups and other directory resources: at most 41,760 minutes ("subscription resource type", maximum length). */
export const DIRECTORY_SUBSCRIPTION_MAX_MINUTES = 41_760;

function parsed(graph: GraphSession, answer: unknown): GraphSubscriptionAnswer {
  const result = subscriptionShape.safeParse(answer);
  if (!result.success)
    throw new UnexpectedResponseError(
      "graph",
      new URL(graph.endpoints.graphBaseUrl).host,
      "a subscription without its id",
    );
  return {
    id: result.data.id,
    expiresAt: new Date(result.data.expirationDateTime),
    notificationUrl: result.data.notificationUrl,
  };
}

const subscriptionsUrl = (graph: GraphSession) => `${graph.endpoints.graphBaseUrl}/v1.0/subscriptions`;

export type NewSubscription = {
  resource: SubscribedResource;
  notificationUrl: string;
  lifecycleNotificationUrl: string;
  /** The secret Graph echoes in every notification: sent here, and nowhere else. */
  clientState: string;
  expiresAt: Date;
};

/** POST /subscriptions: Graph validates both URLs first (the app must echo the validationToken), then answers. */
export async function createGraphSubscription(graph: GraphSession, request: NewSubscription) {
  const answer = await postGraphJson(graph, subscriptionsUrl(graph), request.resource, {
    // For users and groups, `updated` covers creation and soft deletion, `deleted` a permanent deletion.
    changeType: "updated,deleted",
    notificationUrl: request.notificationUrl,
    lifecycleNotificationUrl: request.lifecycleNotificationUrl,
    resource: `/${request.resource}`,
    expirationDateTime: request.expiresAt.toISOString(),
    clientState: request.clientState,
  });
  return parsed(graph, answer);
}

/** PATCH /subscriptions/{id} with a later expiry: renews it, and reauthorizes it as well. */
export async function renewGraphSubscription(
  graph: GraphSession,
  subscriptionId: string,
  resource: SubscribedResource,
  expiresAt: Date,
) {
  const url = `${subscriptionsUrl(graph)}/${encodeURIComponent(subscriptionId)}`;
  return parsed(graph, await patchGraphJson(graph, url, resource, { expirationDateTime: expiresAt.toISOString() }));
}

/** DELETE /subscriptions/{id}; one Graph no longer has (expired, removed) counts as deleted. */
export async function deleteGraphSubscription(
  graph: GraphSession,
  subscriptionId: string,
  resource: SubscribedResource,
) {
  try {
    await deleteGraphObject(graph, `${subscriptionsUrl(graph)}/${encodeURIComponent(subscriptionId)}`, resource);
  } catch (error) {
    if (!isGoneFromGraph(error)) throw error;
  }
}

/** GET /subscriptions: the app's subscriptions in the tenant (to find one whose creation was cut short). */
export async function listGraphSubscriptions(graph: GraphSession): Promise<GraphSubscriptionAnswer[]> {
  const answer = z
    .object({ value: z.array(z.unknown()) })
    .safeParse(await getGraphJson(graph, subscriptionsUrl(graph), "users"));
  if (!answer.success)
    throw new UnexpectedResponseError(
      "graph",
      new URL(graph.endpoints.graphBaseUrl).host,
      "a list of subscriptions without its value",
    );
  return answer.data.value.map((item) => parsed(graph, item));
}

/** A 404 from Graph: the subscription expired or was removed. */
export function isGoneFromGraph(error: unknown) {
  return error instanceof EntraError && (error.cause as { statusCode?: unknown } | undefined)?.statusCode === 404;
}
