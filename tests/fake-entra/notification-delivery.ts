// How the fake delivers change and lifecycle notifications to an app's endpoint, as Microsoft Graph does
// ("Receive change notifications through webhooks", learn.microsoft.com/graph/change-notifications-delivery-webhooks):
// notifications are POSTed as a changeNotificationCollection (`{ "value": [...] }`), several in one request when
// many changes come together; the service publishes with an HTTP client with a 3-second timeout, and a
// notification not answered with a 2xx within 3 seconds is sent again, with exponential back-off, for up to 4 hours.

/** What one delivery attempt came to: the status, or why there was none (timeout, connection refused). */
export type DeliveryAttempt = { url: string; status: number | null; count: number; failure?: string };

export type DeliveryOptions = {
  /** How long changes gather before a request goes out (Graph sends changes close together in one request). */
  batchWindowMs: number;
  /** The most notifications in one request: the docs give no number; this is the fake's. */
  maxBatchSize: number;
  /** The first wait before sending again; each later one doubles it (the docs: exponential back-off). */
  retryBaseMs: number;
};

const PUBLISH_TIMEOUT_MS = 3_000;
const GIVE_UP_AFTER_MS = 4 * 60 * 60_000;

type Queue = { items: object[]; timer: NodeJS.Timeout | null };

export class NotificationDelivery {
  /** Every attempt, oldest first, for tests to read. */
  readonly attempts: DeliveryAttempt[] = [];
  private readonly queues = new Map<string, Queue>();
  private readonly pending = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: DeliveryOptions) {}

  /** Queues one notification for `url`; it leaves with the others that arrive within the batch window. */
  enqueue(url: string, notification: object) {
    const queue = this.queues.get(url) ?? { items: [], timer: null };
    this.queues.set(url, queue);
    queue.items.push(notification);
    queue.timer ??= this.later(() => this.flush(url), this.options.batchWindowMs);
  }

  /** Sends `items` now in one request (lifecycle notifications on demand), retried like the others. */
  sendNow(url: string, items: object[]): Promise<void> {
    return this.track(this.deliver(url, items, Date.now(), 0));
  }

  /** Resolves when nothing is queued or in flight (retries waiting count as in flight). */
  async settled() {
    while (this.pending.size || [...this.queues.values()].some((queue) => queue.items.length)) {
      await Promise.all([...this.pending]);
      await new Promise((resolve) => setTimeout(resolve, this.options.batchWindowMs + 5));
    }
  }

  close() {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private flush(url: string) {
    const queue = this.queues.get(url);
    if (!queue) return;
    queue.timer = null;
    while (queue.items.length) {
      const batch = queue.items.splice(0, this.options.maxBatchSize);
      void this.track(this.deliver(url, batch, Date.now(), 0));
    }
  }

  private async deliver(url: string, items: object[], firstTriedAt: number, retries: number): Promise<void> {
    if (this.closed) return;
    const attempt: DeliveryAttempt = { url, status: null, count: items.length };
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ value: items }),
        signal: AbortSignal.timeout(PUBLISH_TIMEOUT_MS),
      });
      attempt.status = response.status;
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      attempt.failure = error instanceof Error ? error.name : String(error);
    }
    this.attempts.push(attempt);
    if (attempt.status !== null && attempt.status >= 200 && attempt.status < 300) return;
    const wait = this.options.retryBaseMs * 2 ** retries;
    if (Date.now() + wait - firstTriedAt > GIVE_UP_AFTER_MS) return;
    await new Promise<void>((resolve) => this.later(resolve, wait));
    return this.deliver(url, items, firstTriedAt, retries + 1);
  }

  private later(run: () => void, ms: number) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  private track(promise: Promise<void>) {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
    return promise;
  }
}
