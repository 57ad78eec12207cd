// Graph's throttling, simplified: at most `limit` Graph requests per window, counted per tenant and app as Graph
// counts them (inner batch requests each count), so one tenant's 429 storm leaves the others alone.
import type { TokenCaller } from "./access-tokens";

/** `tenantId`: only that tenant's requests are throttled; every tenant's when left out. */
export type Throttle = { limit: number; windowSeconds: number; tenantId?: string };

export type ThrottleReport = Throttle & {
  refused: number;
  /** The most requests one tenant and app had admitted in one window. */
  mostAdmittedInAWindow: number;
  refusedByTenant: Record<string, number>;
};

const EVERY_TENANT = "*";

type Scope = Throttle & { refused: number; most: number; refusedByTenant: Map<string, number> };

export class GraphThrottle {
  private readonly scopes = new Map<string, Scope>();
  private readonly windows = new Map<string, { start: number; admitted: number }>();

  /** A throttle for one tenant sits beside the one for every tenant and wins for its tenant; null removes all. */
  set(throttle: Throttle | null) {
    if (!throttle) {
      this.scopes.clear();
      this.windows.clear();
      return;
    }
    const key = throttle.tenantId ?? EVERY_TENANT;
    for (const windowKey of this.windows.keys())
      if (key === EVERY_TENANT || windowKey.startsWith(`${key}/`)) this.windows.delete(windowKey);
    this.scopes.set(key, { ...throttle, refused: 0, most: 0, refusedByTenant: new Map() });
  }

  /** Counts a request: null when admitted, else the seconds until its window ends. */
  admit(caller: TokenCaller | null, now = Date.now()): number | null {
    const tenantId = caller?.tenantId ?? "";
    const scope = this.scopes.get(tenantId) ?? this.scopes.get(EVERY_TENANT);
    if (!scope) return null;
    const key = `${tenantId}/${caller?.appId ?? ""}`;
    const windowMs = scope.windowSeconds * 1000;
    let window = this.windows.get(key);
    if (!window || now - window.start >= windowMs) this.windows.set(key, (window = { start: now, admitted: 0 }));
    if (window.admitted >= scope.limit) {
      scope.refused++;
      scope.refusedByTenant.set(tenantId, (scope.refusedByTenant.get(tenantId) ?? 0) + 1);
      return Math.max(1, Math.ceil((window.start + windowMs - now) / 1000));
    }
    window.admitted++;
    scope.most = Math.max(scope.most, window.admitted);
    return null;
  }

  report(tenantId?: string): ThrottleReport | null {
    const scope = this.scopes.get(tenantId ?? EVERY_TENANT);
    if (!scope) return null;
    return {
      limit: scope.limit,
      windowSeconds: scope.windowSeconds,
      ...(scope.tenantId ? { tenantId: scope.tenantId } : {}),
      refused: scope.refused,
      mostAdmittedInAWindow: scope.most,
      refusedByTenant: Object.fromEntries(scope.refusedByTenant),
    };
  }
}
