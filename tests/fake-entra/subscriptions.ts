// Microsoft Graph change-notification subscriptions on users and groups, as the fake keeps them. Modelled from
// "Create subscription" (learn.microsoft.com/graph/api/subscription-post-subscriptions), "subscription resource
// type" (…/graph/api/resources/subscription), "Set up notifications for changes in resource data"
// (…/graph/change-notifications-overview), "Receive change notifications through webhooks"
// (…/graph/change-notifications-delivery-webhooks) and "Reduce missing subscriptions and change notifications"
// (…/graph/change-notifications-lifecycle-events).
import { randomUUID } from "node:crypto";
import type { ObjectKind } from "./ids";
import { NotificationDelivery, type DeliveryOptions } from "./notification-delivery";

export type LifecycleEvent = "reauthorizationRequired" | "subscriptionRemoved" | "missed";

export type FakeSubscription = {
  id: string;
  tenantId: string;
  applicationId: string;
  resource: "/users" | "/groups";
  changeType: string;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  clientState: string | null;
  expirationDateTime: Date;
};

/** A change to one directory object: users and groups support `updated` (created, changed, soft-deleted) and `deleted` (gone for good). */
export type DirectoryChange = { tenantId: string; kind: ObjectKind; id: string; changeType: "updated" | "deleted" };

const minute = 60_000;
/** "subscription resource type", maximum length per resource: user, group and other directory resources 41,760 minutes (under 29 days). */
export const MAX_DIRECTORY_SUBSCRIPTION_MINUTES = 41_760;
/** "Set up notifications for changes in resource data", subscription lifetime: less than 45 minutes is raised to 45 minutes. */
const MIN_SUBSCRIPTION_MINUTES = 45;
/** "subscription resource type", clientState: the maximum length is 128 characters. */
const MAX_CLIENT_STATE_LENGTH = 128;
/** The validation request must be answered within 10 seconds ("Receive change notifications through webhooks", notificationUrl validation). */
const VALIDATION_TIMEOUT_MS = 10_000;

const RESOURCE_OF_KIND: Partial<Record<ObjectKind, FakeSubscription["resource"]>> = {
  user: "/users",
  group: "/groups",
};
/** Graph writes the resource of a directory change notification as `Users/{id}` or `Groups/{id}`. */
const NOTIFICATION_RESOURCE: Record<FakeSubscription["resource"], { path: string; odataType: string }> = {
  "/users": { path: "Users", odataType: "#Microsoft.Graph.User" },
  "/groups": { path: "Groups", odataType: "#Microsoft.Graph.Group" },
};

export class SubscriptionError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type CreateSubscriptionRequest = {
  changeType?: unknown;
  notificationUrl?: unknown;
  lifecycleNotificationUrl?: unknown;
  resource?: unknown;
  expirationDateTime?: unknown;
  clientState?: unknown;
};

const isHttps = (value: unknown): value is string => typeof value === "string" && /^https:\/\//i.test(value);

export class FakeSubscriptions {
  readonly delivery: NotificationDelivery;
  private readonly byId = new Map<string, FakeSubscription>();
  /** Moved forward by tests to bring expiry nearer (the control's passSubscriptionTime). */
  private clockOffsetMs = 0;

  constructor(deliveryOptions: DeliveryOptions) {
    this.delivery = new NotificationDelivery(deliveryOptions);
  }

  now() {
    return new Date(Date.now() + this.clockOffsetMs);
  }

  passTime(minutes: number) {
    this.clockOffsetMs += minutes * minute;
  }

  /** Forgets every subscription and the time passed (between tests). */
  reset() {
    this.byId.clear();
    this.clockOffsetMs = 0;
  }

  /** The subscriptions of a tenant (and app) still alive: an expired one is gone, as Graph deletes it. */
  list(tenantId: string, applicationId?: string): FakeSubscription[] {
    return [...this.byId.values()].filter(
      (s) => this.alive(s) && s.tenantId === tenantId && (!applicationId || s.applicationId === applicationId),
    );
  }

  find(id: string, tenantId?: string): FakeSubscription {
    const found = this.byId.get(id);
    if (!found || !this.alive(found) || (tenantId && found.tenantId !== tenantId)) {
      throw new SubscriptionError(404, "ResourceNotFound", `The object was not found.`);
    }
    return found;
  }

  /** POST /subscriptions: checks the request, then validates the notification URLs before the subscription exists. */
  async create(
    caller: { tenantId: string; applicationId: string },
    request: CreateSubscriptionRequest,
  ): Promise<FakeSubscription> {
    const resource = String(request.resource ?? "").replace(/^\/?/, "/");
    if (resource !== "/users" && resource !== "/groups")
      throw new SubscriptionError(
        400,
        "InvalidRequest",
        `Resource '${request.resource}' is not supported by the fake.`,
      );
    if (typeof request.changeType !== "string" || !request.changeType.trim())
      throw new SubscriptionError(400, "InvalidRequest", "changeType is required.");
    const changeTypes = request.changeType.split(",").map((type) => type.trim());
    if (changeTypes.some((type) => type !== "updated" && type !== "deleted"))
      throw new SubscriptionError(
        400,
        "InvalidRequest",
        "User and group change notifications support only the updated and deleted changeType.",
      );
    if (!isHttps(request.notificationUrl))
      throw new SubscriptionError(400, "InvalidRequest", "The notificationUrl must use the HTTPS protocol.");
    if (request.lifecycleNotificationUrl !== undefined && !isHttps(request.lifecycleNotificationUrl))
      throw new SubscriptionError(400, "InvalidRequest", "The lifecycleNotificationUrl must use the HTTPS protocol.");
    if (
      request.clientState !== undefined &&
      (typeof request.clientState !== "string" || request.clientState.length > MAX_CLIENT_STATE_LENGTH)
    )
      throw new SubscriptionError(400, "InvalidRequest", "clientState must be at most 128 characters.");
    const subscription: FakeSubscription = {
      id: randomUUID(),
      tenantId: caller.tenantId,
      applicationId: caller.applicationId,
      resource,
      changeType: changeTypes.join(","),
      notificationUrl: request.notificationUrl,
      lifecycleNotificationUrl: (request.lifecycleNotificationUrl as string | undefined) ?? null,
      clientState: (request.clientState as string | undefined) ?? null,
      expirationDateTime: this.expiry(request.expirationDateTime),
    };
    // "When using the webhooks delivery channel, you must validate both lifecycleNotificationUrl and notificationUrl."
    for (const url of new Set([subscription.notificationUrl, subscription.lifecycleNotificationUrl])) {
      if (url) await validateEndpoint(url);
    }
    this.byId.set(subscription.id, subscription);
    return subscription;
  }

  /** PATCH /subscriptions/{id}: a new expirationDateTime (renewal, which also reauthorizes). */
  update(id: string, tenantId: string, request: { expirationDateTime?: unknown }) {
    const subscription = this.find(id, tenantId);
    if (request.expirationDateTime === undefined)
      throw new SubscriptionError(400, "InvalidRequest", "expirationDateTime is required to renew a subscription.");
    subscription.expirationDateTime = this.expiry(request.expirationDateTime);
    return subscription;
  }

  /** POST /subscriptions/{id}/reauthorize: reauthorizes without extending the expiry. */
  reauthorize(id: string, tenantId: string) {
    this.find(id, tenantId);
  }

  delete(id: string, tenantId?: string) {
    this.find(id, tenantId);
    this.byId.delete(id);
  }

  /** A change in a tenant: one notification for each live subscription on its resource and change type. */
  changed(change: DirectoryChange) {
    const resource = RESOURCE_OF_KIND[change.kind];
    if (!resource) return;
    const shape = NOTIFICATION_RESOURCE[resource];
    for (const subscription of this.list(change.tenantId)) {
      if (subscription.resource !== resource || !subscription.changeType.split(",").includes(change.changeType))
        continue;
      this.delivery.enqueue(subscription.notificationUrl, {
        subscriptionId: subscription.id,
        subscriptionExpirationDateTime: subscription.expirationDateTime.toISOString(),
        changeType: change.changeType,
        resource: `${shape.path}/${change.id}`,
        resourceData: {
          "@odata.type": shape.odataType,
          "@odata.id": `${shape.path}/${change.id}`,
          id: change.id,
          organizationId: change.tenantId,
        },
        clientState: subscription.clientState,
        tenantId: change.tenantId,
      });
    }
  }

  /**
   * A lifecycle notification to the subscription's lifecycleNotificationUrl (none without one, as Graph does). Graph
   * documents subscriptionRemoved and missed only for Outlook and Teams resources today; the fake sends any of the
   * three on demand so an app's handling of each can be tried. subscriptionRemoved removes the subscription first.
   */
  async lifecycle(id: string, lifecycleEvent: LifecycleEvent): Promise<void> {
    const subscription = this.find(id);
    if (lifecycleEvent === "subscriptionRemoved") this.byId.delete(id);
    if (!subscription.lifecycleNotificationUrl) return;
    await this.delivery.sendNow(subscription.lifecycleNotificationUrl, [
      {
        subscriptionId: subscription.id,
        subscriptionExpirationDateTime: subscription.expirationDateTime.toISOString(),
        tenantId: subscription.tenantId,
        clientState: subscription.clientState,
        lifecycleEvent,
      },
    ]);
  }

  private alive(subscription: FakeSubscription) {
    return subscription.expirationDateTime > this.now();
  }

  private expiry(requested: unknown): Date {
    const at = typeof requested === "string" ? new Date(requested) : new Date(NaN);
    if (Number.isNaN(at.getTime()))
      throw new SubscriptionError(400, "InvalidRequest", "expirationDateTime is required and must be a date and time.");
    const now = this.now().getTime();
    if (at.getTime() > now + MAX_DIRECTORY_SUBSCRIPTION_MINUTES * minute)
      throw new SubscriptionError(
        400,
        "InvalidRequest",
        `Subscription expiration can only be ${MAX_DIRECTORY_SUBSCRIPTION_MINUTES} minutes in the future.`,
      );
    return new Date(Math.max(at.getTime(), now + MIN_SUBSCRIPTION_MINUTES * minute));
  }
}

/**
 * "notificationUrl validation": Graph POSTs `?validationToken={opaque token}` to the URL, which must answer 200 within
 * 10 seconds with the token, URL-decoded, as text/plain; otherwise the creation fails with 400.
 */
async function validateEndpoint(url: string) {
  const token = `Validation: Testing client application reachability for subscription Request-Id: ${randomUUID()}`;
  const target = new URL(url);
  target.searchParams.set("validationToken", token);
  let answered = false;
  try {
    const response = await fetch(target, {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      signal: AbortSignal.timeout(VALIDATION_TIMEOUT_MS),
    });
    const body = await response.text();
    answered =
      response.status === 200 && /^text\/plain\b/i.test(response.headers.get("content-type") ?? "") && body === token;
  } catch {
    answered = false;
  }
  if (!answered)
    throw new SubscriptionError(
      400,
      "ValidationError",
      "Subscription validation request failed. Notification endpoint must respond with 200 OK to validation request.",
    );
}
