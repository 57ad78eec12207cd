import "server-only";
import {
  AuthenticationHandler, Client, ResponseType, RetryHandler, RetryHandlerOptions,
  type Context, type Middleware,
} from "@microsoft/microsoft-graph-client";
import { classifyEntraError } from "./classify-entra-error";
import { isMicrosoftGraphHost, resolveEndpoints, type EntraConnectionSettings, type EntraEndpoints } from "./connection";
import { EntraError, UnexpectedResponseError } from "./errors";
import type { GraphResource } from "./permissions";
import { acquireGraphToken, type TokenOptions } from "./token";
import { fetchWithTimeout, TransportFailure } from "./transport";

export type GraphRetryPolicy = {
  /** Retries of a 429, 503 or 504 (the Graph client allows at most 10). */
  maxRetries: number;
  /** A Retry-After longer than this is not waited out: the call fails as "throttled" with the wait. */
  maxWaitSeconds: number;
  /** The wait before a retry when the answer has no Retry-After. */
  fallbackDelaySeconds: number;
};

export type GraphOptions = TokenOptions & { retry?: Partial<GraphRetryPolicy> };

export const DEFAULT_RETRY_POLICY: GraphRetryPolicy = { maxRetries: 3, maxWaitSeconds: 60, fallbackDelaySeconds: 3 };
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

function retryAfterOf(response: Response) {
  const value = response.headers?.get("Retry-After");
  if (!value) return 0;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : (Date.parse(value) - Date.now()) / 1000;
}

function retryHandlerOptions(policy: GraphRetryPolicy) {
  const options = new RetryHandlerOptions(policy.fallbackDelaySeconds, policy.maxRetries, (_delay, _attempt, _request, _options, response) =>
    retryAfterOf(response) <= policy.maxWaitSeconds,
  );
  // The handler caps waits at a fixed 180 s; an own property survives the copy it makes of these options.
  options.getMaxDelay = () => policy.maxWaitSeconds;
  return options;
}

/** The last link in the chain: fetch with a time limit, keeping the cause of a failure the Graph client would hide. */
class TransportHandler implements Middleware {
  failure: TransportFailure | null = null;
  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    try {
      context.response = await fetchWithTimeout(context.request, context.options ?? {}, this.timeoutMs);
    } catch (error) {
      if (error instanceof TransportFailure) this.failure = error;
      throw error;
    }
  }

  setNext(): void {}
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1"]);

function isConfiguredGraphHost(url: URL, expected: URL) {
  if (url.origin === expected.origin) return true;
  // A local stand-in for Graph may write its links with 127.0.0.1 while configured as localhost, or the reverse.
  return url.protocol === "https:" && LOOPBACK_HOSTS.has(url.hostname) && LOOPBACK_HOSTS.has(expected.hostname) && url.port === expected.port;
}

/** Throws unless `link` is a Graph v1.0 URL on the configured Graph host, so tokens and requests stay there. */
export function assertGraphLink(link: string, endpoints: EntraEndpoints): URL {
  const expected = new URL(endpoints.graphBaseUrl);
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new UnexpectedResponseError("graph", expected.host, "a link that is not a URL");
  }
  if (!isConfiguredGraphHost(url, expected) || !url.pathname.startsWith("/v1.0/")) {
    throw new UnexpectedResponseError("graph", expected.host, `a link to ${url.origin}${url.pathname.split("/").slice(0, 2).join("/")}`);
  }
  return url;
}

/** GET one Graph URL as JSON, with a token, retries within the policy, and failures classified. */
export async function getGraphJson(
  settings: EntraConnectionSettings,
  url: string,
  resource: GraphResource,
  options: GraphOptions = {},
): Promise<unknown> {
  const endpoints = resolveEndpoints(options.endpoints);
  const context = { ...settings, endpoints, resource };
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const transport = new TransportHandler(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  let tokenFailure: unknown = null;
  const authProvider = {
    getAccessToken: async () => {
      try {
        return (await acquireGraphToken(settings, { ...options, endpoints })).accessToken;
      } catch (error) {
        tokenFailure = error;
        throw error;
      }
    },
  };
  try {
    const target = assertGraphLink(url, endpoints);
    const client = Client.initWithMiddleware({
      middleware: [new AuthenticationHandler(authProvider), new RetryHandler(retryHandlerOptions(policy)), transport],
      // The client only sends the token to Microsoft's Graph hosts, or to these.
      customHosts: isMicrosoftGraphHost(endpoints.graphBaseUrl) ? undefined : new Set([new URL(endpoints.graphBaseUrl).hostname, target.hostname]),
      baseUrl: endpoints.graphBaseUrl,
    });
    return await client.api(url).responseType(ResponseType.JSON).get();
  } catch (error) {
    const cause = tokenFailure ?? transport.failure ?? error;
    if (cause instanceof EntraError) throw cause;
    throw new EntraError(classifyEntraError(cause, context), { cause });
  }
}
