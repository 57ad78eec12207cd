import "server-only";
import {
  AuthenticationHandler,
  Client,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import { classifyEntraError } from "./errors/classify";
import { isMicrosoftGraphHost, type EntraEndpoints } from "./endpoints";
import { EntraError, UnexpectedResponseError } from "./errors/entra-error";
import type { GraphResource } from "./permissions";
import type { GraphSession } from "./graph-session";
import { retryAfterSeconds } from "./retry-after";
import { holdTenant, waitForTenant } from "./tenant-hold";
import { TransportFailure } from "./errors/wire-errors";
import { fetchWithTimeout } from "./transport";

/** Graph's answer decides: a wait it asks for longer than the policy allows is not waited out. */
function retryHandlerOptions(graph: GraphSession) {
  const policy = graph.retry;
  const options = new RetryHandlerOptions(
    policy.fallbackDelaySeconds,
    policy.maxRetries,
    (_delay, _attempt, _request, _options, response) => {
      const wait = retryAfterSeconds(response.headers?.get("Retry-After"));
      if ((wait ?? 0) > policy.maxWaitSeconds) return false;
      graph.noteWait(wait ?? policy.fallbackDelaySeconds);
      return true;
    },
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

/**
 * Every attempt, retries included, first waits while Graph holds the session's tenant back; a 429 holds the
 * tenant (only it) for its Retry-After (lib/azure/tenant-hold.ts).
 */
class TenantHoldHandler implements Middleware {
  private next: Middleware | null = null;
  constructor(private readonly graph: GraphSession) {}

  async execute(context: Context): Promise<void> {
    await waitForTenant(this.graph);
    await this.next!.execute(context);
    if (context.response?.status === 429) {
      holdTenant(
        this.graph,
        retryAfterSeconds(context.response.headers.get("Retry-After")) ?? this.graph.retry.fallbackDelaySeconds,
      );
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1"]);

function isConfiguredGraphHost(url: URL, expected: URL) {
  if (url.origin === expected.origin) return true;
  // A local stand-in for Graph may write its links with 127.0.0.1 while configured as localhost, or the reverse.
  return (
    url.protocol === "https:" &&
    LOOPBACK_HOSTS.has(url.hostname) &&
    LOOPBACK_HOSTS.has(expected.hostname) &&
    url.port === expected.port
  );
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
    throw new UnexpectedResponseError(
      "graph",
      expected.host,
      `a link to ${url.origin}${url.pathname.split("/").slice(0, 2).join("/")}`,
    );
  }
  return url;
}

type GraphCall =
  | { method: "GET"; headers?: Record<string, string> }
  | { method: "POST" | "PATCH"; body: unknown }
  | { method: "DELETE" };

/** One Graph call as JSON, with the session's token, retries within its policy, and failures classified. */
async function callGraph(graph: GraphSession, url: string, resource: GraphResource, call: GraphCall): Promise<unknown> {
  const { endpoints } = graph;
  const transport = new TransportHandler(graph.requestTimeoutMs);
  let tokenFailure: unknown = null;
  const authProvider = {
    getAccessToken: async () => {
      try {
        return (await graph.token()).accessToken;
      } catch (error) {
        tokenFailure = error;
        throw error;
      }
    },
  };
  try {
    const target = assertGraphLink(url, endpoints);
    const client = Client.initWithMiddleware({
      middleware: [
        new AuthenticationHandler(authProvider),
        new RetryHandler(retryHandlerOptions(graph)),
        new TenantHoldHandler(graph),
        transport,
      ],
      // The client only sends the token to Microsoft's Graph hosts, or to these.
      customHosts: isMicrosoftGraphHost(endpoints.graphBaseUrl)
        ? undefined
        : new Set([new URL(endpoints.graphBaseUrl).hostname, target.hostname]),
      baseUrl: endpoints.graphBaseUrl,
    });
    const request = client.api(url).responseType(ResponseType.JSON);
    if (call.method === "GET") return await request.headers(call.headers ?? {}).get();
    if (call.method === "DELETE") return await request.delete();
    return call.method === "PATCH" ? await request.patch(call.body) : await request.post(call.body);
  } catch (error) {
    const cause = tokenFailure ?? transport.failure ?? error;
    if (cause instanceof EntraError) throw cause;
    throw new EntraError(classifyEntraError(cause, { ...graph.settings, endpoints, resource }), { cause });
  }
}

/** GET one Graph URL as JSON. */
export const getGraphJson = (
  graph: GraphSession,
  url: string,
  resource: GraphResource,
  headers: Record<string, string> = {},
) => callGraph(graph, url, resource, { method: "GET", headers });

/** POST a JSON body to one Graph URL (a `$batch`, a new subscription), answered as JSON. */
export const postGraphJson = (graph: GraphSession, url: string, resource: GraphResource, body: unknown) =>
  callGraph(graph, url, resource, { method: "POST", body });

/** PATCH a JSON body to one Graph URL (a subscription's renewal), answered as JSON. */
export const patchGraphJson = (graph: GraphSession, url: string, resource: GraphResource, body: unknown) =>
  callGraph(graph, url, resource, { method: "PATCH", body });

/** DELETE one Graph URL (a subscription). */
export const deleteGraphObject = (graph: GraphSession, url: string, resource: GraphResource) =>
  callGraph(graph, url, resource, { method: "DELETE" });
