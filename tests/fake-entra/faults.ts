// Faults on demand: a number of failing answers, added latency, Graph's throttling, and a count of what was asked.
// Each can be kept to one tenant (the tenant in a token request's path, or in a Graph request's token).
import type { TokenCaller } from "./access-tokens";
import { GraphThrottle, type Throttle, type ThrottleReport } from "./throttle";

export type { Throttle, ThrottleReport } from "./throttle";

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
  /** Only requests to or for this tenant (its id); every tenant's by default. */
  tenantId?: string;
};

export type Fault = { kind: FaultKind; status: number; retryAfterSeconds: number | null };

type Rule = Fault & {
  remaining: number;
  passThrough: number;
  target: FaultTarget;
  pathPrefix: string;
  tenantId: string | null;
};

/** Added latency; one set for a tenant replaces the one for every tenant there. */
export type Latency = { ms: number; target?: FaultTarget; tenantId?: string };

/** `batched`: requests inside a `$batch` (the batch itself counts as one `graph` request). */
export type RequestCounts = Record<Exclude<FaultTarget, "any"> | "control" | "other" | "batched", number>;

function applies(target: FaultTarget, requestTarget: FaultTarget, pathPrefix: string, path: string) {
  return (target === "any" || target === requestTarget) && path.startsWith(pathPrefix);
}

const EVERY_TENANT = "*";

export class FaultInjector {
  private rules: Rule[] = [];
  private readonly latencies = new Map<string, { ms: number; target: FaultTarget }>();
  readonly counts: RequestCounts = { graph: 0, token: 0, metadata: 0, control: 0, other: 0, batched: 0 };
  private readonly throttle = new GraphThrottle();
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
      tenantId: request.tenantId ?? null,
    });
  }

  setLatency({ ms, target = "any", tenantId }: Latency) {
    this.latencies.set(tenantId ?? EVERY_TENANT, { ms, target });
  }

  clear() {
    this.rules = [];
    this.latencies.clear();
    this.throttle.set(null);
  }

  setThrottle(throttle: Throttle | null) {
    this.throttle.set(throttle);
  }

  /** Counts a Graph request against the throttle: null when admitted, else the seconds until the window ends. */
  admit(caller: TokenCaller | null, now = Date.now()): number | null {
    return this.throttle.admit(caller, now);
  }

  /** The throttle for every tenant, or the one for `tenantId`; null when there is none. */
  throttleReport(tenantId?: string): ThrottleReport | null {
    return this.throttle.report(tenantId);
  }

  record(target: keyof RequestCounts, line: string) {
    this.counts[target]++;
    this.recentRequests.push(line);
    if (this.recentRequests.length > 500) this.recentRequests.splice(0, this.recentRequests.length - 500);
  }

  latencyFor(target: FaultTarget, path: string, tenantId: string | null) {
    const latency = (tenantId && this.latencies.get(tenantId)) || this.latencies.get(EVERY_TENANT);
    return latency && applies(latency.target, target, "", path) ? latency.ms : 0;
  }

  /** The fault the next request gets, if any; each use counts down its rule. */
  take(target: FaultTarget, path: string, tenantId: string | null): Fault | null {
    const rule = this.rules.find(
      (r) =>
        r.remaining > 0 && applies(r.target, target, r.pathPrefix, path) && (!r.tenantId || r.tenantId === tenantId),
    );
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
