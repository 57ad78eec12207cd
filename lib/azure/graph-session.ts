import "server-only";
import type { EntraConnectionSettings } from "./connection";
import { resolveEndpoints, type EntraEndpoints } from "./endpoints";
import { acquireGraphToken, type GraphAccessToken } from "./token";

type GraphRetryPolicy = {
  /** Retries of a 429, 503 or 504 (the Graph client allows at most 10). */
  maxRetries: number;
  /** A Retry-After longer than this is not waited out: the call fails as "throttled" with the wait. */
  maxWaitSeconds: number;
  /** The wait before a retry when the answer has no Retry-After. */
  fallbackDelaySeconds: number;
};

/** Where Entra ID and Graph are (the environment's settings when not given), and how patient to be. */
export type GraphOptions = {
  endpoints?: EntraEndpoints;
  retry?: Partial<GraphRetryPolicy>;
  /** Per request, token requests included. */
  requestTimeoutMs?: number;
};

/**
 * What every Graph call of one job step shares: the connection, its endpoints resolved once, the retry
 * policy and a token provider. Opened per step, never stored: it holds the credential.
 */
export type GraphSession = {
  readonly settings: EntraConnectionSettings;
  readonly endpoints: EntraEndpoints;
  readonly retry: GraphRetryPolicy;
  readonly requestTimeoutMs: number;
  /** An app-only token, from MSAL's cache while it is valid unless `forceRefresh` (e.g. right after consent). */
  token(options?: { forceRefresh?: boolean }): Promise<GraphAccessToken>;
  /** Seconds this session has waited because Graph asked it to (Retry-After), so far. */
  readonly waitedSeconds: number;
  noteWait(seconds: number): void;
};

const DEFAULT_RETRY_POLICY: GraphRetryPolicy = { maxRetries: 3, maxWaitSeconds: 60, fallbackDelaySeconds: 3 };
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
const DEFAULT_TOKEN_TIMEOUT_MS = 30_000;

/** Throws an EntraError when an endpoint setting (AZURE_AUTHORITY_HOST, GRAPH_BASE_URL) is not https://. */
export function openGraphSession(settings: EntraConnectionSettings, options: GraphOptions = {}): GraphSession {
  const endpoints = resolveEndpoints(options.endpoints);
  const tokenTimeoutMs = options.requestTimeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  let waitedSeconds = 0;
  return {
    settings,
    endpoints,
    retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    token: ({ forceRefresh = false } = {}) =>
      acquireGraphToken(settings, endpoints, { forceRefresh, timeoutMs: tokenTimeoutMs }),
    get waitedSeconds() {
      return waitedSeconds;
    },
    noteWait: (seconds) => {
      waitedSeconds += seconds;
    },
  };
}
