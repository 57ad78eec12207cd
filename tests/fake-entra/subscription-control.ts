// Control operations for the fake's change-notification subscriptions (part of the control API, control.ts).
import type { TenantDirectory } from "./tenant-directory";
import type { FakeSubscriptions, LifecycleEvent } from "./subscriptions";

export function createSubscriptionControl(directory: TenantDirectory, subscriptions: FakeSubscriptions) {
  return {
    /** A tenant's live subscriptions (the first tenant's by default), without their clientState. */
    subscriptions: ({ tenantId }: { tenantId?: string } = {}) =>
      subscriptions.list(directory.require(tenantId).tenantId).map(({ clientState: _secret, ...rest }) => ({
        ...rest,
        expirationDateTime: rest.expirationDateTime.toISOString(),
      })),
    /** Sends reauthorizationRequired, subscriptionRemoved (removing it) or missed to its lifecycleNotificationUrl. */
    sendLifecycleNotification: ({
      subscriptionId,
      lifecycleEvent,
    }: {
      subscriptionId: string;
      lifecycleEvent: LifecycleEvent;
    }) => subscriptions.lifecycle(subscriptionId, lifecycleEvent),
    /** Moves the subscriptions' clock forward: expiry comes nearer, and an expired subscription sends nothing. */
    passSubscriptionTime: ({ minutes }: { minutes: number }) => subscriptions.passTime(minutes),
    /** Forgets every subscription, and the time passSubscriptionTime moved on (between tests). */
    resetSubscriptions: () => subscriptions.reset(),
    /** Every delivery attempt of notifications so far: URL, HTTP status (null: no answer in 3 s), how many in the request. */
    notificationDeliveries: () => [...subscriptions.delivery.attempts],
    /** Resolves when no notification is waiting to be sent or sent again. */
    notificationsSettled: () => subscriptions.delivery.settled(),
  };
}
