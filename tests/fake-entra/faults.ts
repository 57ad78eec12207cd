// Faults on demand: a number of failing answers, added latency, and a count of what was asked.

/** Which endpoints a fault or latency applies to. */
export type FaultTarget = "graph" | "token" | "metadata" | "any";

/**
 * - status: an error answer in the service's own shape (429 and 503 carry Retry-After when given);
 * - html: a 200 with an HTML page, as a captive portal or a misconfigured proxy sends;
 * - not-graph: a 200 JSON body that is not a Graph collection;
 * - drop: the connection is closed without an answer.
 */
export type FaultKind = "status" | "html" | "not-graph" | "drop";

export type FaultRequest = {
  count?: number;
  kind?: FaultKind;
  status?: number;
  retryAfterSeconds?: number;
  target?: FaultTarget;
  /** Only requests whose path starts with this, e.g. "/v1.0/devices". */
  pathPrefix?: string;
  /** Let this many matching requests through first: a fault in the middle of a listing. */
  afterRequests?: number;
};

export type Fault = { kind: FaultKind; status: number; retryAfterSeconds: number | null };

type Rule = Fault & { remaining: number; passThrough: number; target: FaultTarget; pathPrefix: string };

/** `batched`: requests inside a `$batch` (the batch itself counts as one `graph` request). */
export type RequestCounts = Record<Exclude<FaultTarget, "any"> | "control" | "other" | "batched", number>;

/** Graph's throttling, simplified: at most `limit` Graph requests (inner batch requests each count) per window. */
export type Throttle = { limit: number; windowSeconds: number };

export type ThrottleReport = Throttle & { refused: number; mostAdmittedInAWindow: number };

function applies(target: FaultTarget, requestTarget: FaultTarget, pathPrefix: string, path: string) {
  return (target === "any" || target === requestTarget) && path.startsWith(pathPrefix);
}

export class FaultInjector {
  private rules: Rule[] = [];
  private latency: { ms: number; target: FaultTarget } = { ms: 0, target: "any" };
  readonly counts: RequestCounts = { graph: 0, token: 0, metadata: 0, control: 0, other: 0, batched: 0 };
  private throttle: (Throttle & { windowStart: number; admitted: number; refused: number; most: number }) | null = null;
  /** The latest requests (method and URL), newest last; bounded so a long run stays small. */
  readonly recentRequests: string[] = [];

  failNextRequests(request: FaultRequest) {
    const kind = request.kind ?? "status";
    this.rules.push({
      kind,
      status: request.status ?? (kind === "status" ? 429 : 200),
      retryAfterSeconds: request.retryAfterSeconds ?? null,
      remaining: request.count ?? 1,
      passThrough: request.afterRequests ?? 0,
      target: request.target ?? "graph",
      pathPrefix: request.pathPrefix ?? "",
    });
  }

  setLatency(ms: number, target: FaultTarget = "any") {
    this.latency = { ms, target };
  }

  clear() {
    this.rules = [];
    this.latency = { ms: 0, target: "any" };
    this.throttle = null;
  }

  setThrottle(throttle: Throttle | null) {
    this.throttle = throttle && { ...throttle, windowStart: 0, admitted: 0, refused: 0, most: 0 };
  }

  /** Counts a Graph request against the throttle: null when admitted, else the seconds until the window ends. */
  admit(now = Date.now()): number | null {
    const throttle = this.throttle;
    if (!throttle) return null;
    const windowMs = throttle.windowSeconds * 1000;
    if (now - throttle.windowStart >= windowMs) Object.assign(throttle, { windowStart: now, admitted: 0 });
    if (throttle.admitted >= throttle.limit) {
      throttle.refused++;
      return Math.max(1, Math.ceil((throttle.windowStart + windowMs - now) / 1000));
    }
    throttle.admitted++;
    throttle.most = Math.max(throttle.most, throttle.admitted);
    return null;
  }

  throttleReport(): ThrottleReport | null {
    const throttle = this.throttle;
    return throttle && { limit: throttle.limit, windowSeconds: throttle.windowSeconds, refused: throttle.refused, mostAdmittedInAWindow: throttle.most };
  }

  record(target: keyof RequestCounts, line: string) {
    this.counts[target]++;
    this.recentRequests.push(line);
    if (this.recentRequests.length > 500) this.recentRequests.splice(0, this.recentRequests.length - 500);
  }

  latencyFor(target: FaultTarget, path: string) {
    return applies(this.latency.target, target, "", path) ? this.latency.ms : 0;
  }

  /** The fault the next request gets, if any; each use counts down its rule. */
  take(target: FaultTarget, path: string): Fault | null {
    const rule = this.rules.find((r) => r.remaining > 0 && applies(r.target, target, r.pathPrefix, path));
    if (!rule) return null;
    if (rule.passThrough > 0) {
      rule.passThrough--;
      return null;
    }
    rule.remaining--;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return { kind: rule.kind, status: rule.status, retryAfterSeconds: rule.retryAfterSeconds };
  }

  resetCounts() {
    for (const key of Object.keys(this.counts) as (keyof RequestCounts)[]) this.counts[key] = 0;
    this.recentRequests.length = 0;
  }
}
