// Graph v1.0 /subscriptions: create (POST), list and get (GET), renew (PATCH), delete (DELETE), reauthorize
// (POST …/reauthorize), answered in Graph's shapes ("subscription resource type", learn.microsoft.com/graph/api/resources/subscription).
// An app-only caller needs the read permission of the resource it subscribes to ("Create subscription", permissions).
import { unverifiedCaller } from "./access-tokens";
import { authenticate, READ_ROLES, type GraphContext } from "./graph-routes";
import { graphError, json, type FakeResponse } from "./responses";
import { SubscriptionError, type FakeSubscription, type FakeSubscriptions } from "./subscriptions";

export type SubscriptionContext = GraphContext & { subscriptions: FakeSubscriptions };

const shape = (s: FakeSubscription) => ({
  "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity",
  id: s.id,
  resource: s.resource,
  applicationId: s.applicationId,
  changeType: s.changeType,
  // Graph never sends clientState back: it is the app's secret.
  clientState: null,
  notificationUrl: s.notificationUrl,
  lifecycleNotificationUrl: s.lifecycleNotificationUrl,
  expirationDateTime: s.expirationDateTime.toISOString(),
  creatorId: s.applicationId,
  latestSupportedTlsVersion: "v1_2",
  includeResourceData: false,
  notificationContentType: "application/json",
});

function parseBody(body: string): Record<string, unknown> {
  try {
    const parsed = body ? JSON.parse(body) : {};
    return parsed && typeof parsed === "object" ? parsed : {};
  } catch {
    throw new SubscriptionError(400, "BadRequest", "The request body is not valid JSON.");
  }
}

export async function handleSubscriptionRequest(
  context: SubscriptionContext,
  method: string,
  url: URL,
  headers: { authorization?: string; clientRequestId?: string },
  body: string,
): Promise<FakeResponse> {
  const caller = authenticate(context, headers.authorization, headers.clientRequestId);
  if ("status" in caller) return caller;
  const applicationId = unverifiedCaller(headers.authorization)?.appId ?? "";
  const tenantId = caller.tenant.tenantId;
  const [, id, action] = url.pathname.replace(/^\/v1\.0\//, "").split("/");
  const { subscriptions } = context;
  try {
    if (!id && method === "GET") {
      return json(200, {
        "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#subscriptions",
        value: subscriptions.list(tenantId, applicationId).map(shape),
      });
    }
    if (!id && method === "POST") {
      const request = parseBody(body);
      const kind = String(request.resource ?? "").includes("group") ? "group" : "user";
      if (!READ_ROLES[kind].some((role) => caller.roles.includes(role)))
        return graphError(
          403,
          "ExtensionError",
          "Operation: Create; Exception: [Status Code: Forbidden]",
          headers.clientRequestId,
        );
      return json(201, shape(await subscriptions.create({ tenantId, applicationId }, request)));
    }
    if (id && !action && method === "GET") return json(200, shape(subscriptions.find(id, tenantId)));
    if (id && !action && method === "PATCH")
      return json(200, shape(subscriptions.update(id, tenantId, parseBody(body))));
    if (id && !action && method === "DELETE") {
      subscriptions.delete(id, tenantId);
      return { status: 204, body: "", rawContentType: "text/plain" };
    }
    if (id && action === "reauthorize" && method === "POST") {
      subscriptions.reauthorize(id, tenantId);
      return { status: 204, body: "", rawContentType: "text/plain" };
    }
    return graphError(
      405,
      "Request_BadRequest",
      `The HTTP method '${method}' is not supported here.`,
      headers.clientRequestId,
    );
  } catch (error) {
    if (error instanceof SubscriptionError)
      return graphError(error.status, error.code, error.message, headers.clientRequestId);
    throw error;
  }
}
