// One HTTP request to the fake: count it, delay it, fail it on demand, route it, answer it.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { unverifiedCaller, type TokenCaller } from "./access-tokens";
import { adminConsentDecision, adminConsentPage } from "./admin-consent";
import type { FakeEntraControl } from "./control";
import type { Fault, FaultInjector, FaultTarget } from "./faults";
import { handleBatch } from "./graph-batch";
import { handleGraphRequest } from "./graph-routes";
import { handleSubscriptionRequest, type SubscriptionContext } from "./subscription-routes";
import { authorizeChoice, authorizeRequest } from "./authorize";
import { codeGrant } from "./code-grant";
import { adminConsent, instanceDiscovery, tokenEndpoint, tokenRequestForm, type LoginContext } from "./login-routes";
import { openIdConfiguration, signingKeys } from "./openid-metadata";
import { aadstsError, graphError, html, json, type FakeResponse } from "./responses";

export type RequestContext = LoginContext & SubscriptionContext & { faults: FaultInjector; control: FakeEntraControl };

/**
 * `tenantId`: the tenant a request is for (in the path, or in a Graph request's token), for faults kept to one tenant;
 * `caller`: the tenant and app of a Graph request's token, which Graph's throttling counts by.
 */
type Route = {
  target: Exclude<FaultTarget, "any"> | "control" | "other";
  tenantId?: string | null;
  caller?: TokenCaller | null;
  answer: (body: string) => FakeResponse | Promise<FakeResponse>;
};

const GRAPH_ERROR_CODES: Record<number, string> = {
  429: "TooManyRequests",
  500: "generalException",
  502: "BadGateway",
  503: "serviceNotAvailable",
  504: "GatewayTimeout",
};

function faultAnswer(fault: Fault, target: FaultTarget): FakeResponse | "drop" {
  if (fault.kind === "drop") return "drop";
  if (fault.kind === "html") return html(fault.status, "Sign in to continue to the network");
  if (fault.kind === "not-graph") return json(fault.status, { message: "This is not Microsoft Graph" });
  const headers: Record<string, string> =
    fault.retryAfterSeconds !== null ? { "Retry-After": String(fault.retryAfterSeconds) } : {};
  if (target === "graph") {
    const code = GRAPH_ERROR_CODES[fault.status] ?? "UnknownError";
    return graphError(
      fault.status,
      code,
      fault.status === 429 ? "Too many requests." : "The service is temporarily unavailable.",
      undefined,
      headers,
    );
  }
  return aadstsError(
    fault.status,
    "temporarily_unavailable",
    90033,
    "A transient error has occurred. Please try again.",
    undefined,
    headers,
  );
}

function route(context: RequestContext, method: string, url: URL, request: IncomingMessage): Route {
  const path = url.pathname;
  const clientRequestId = request.headers["client-request-id"] as string | undefined;
  if (path.startsWith("/_control/")) {
    const operation = path.slice("/_control/".length) as keyof FakeEntraControl;
    return {
      target: "control",
      answer: async (body) => {
        const run = context.control[operation] as ((args: unknown) => unknown) | undefined;
        if (!run) return json(404, { error: `No control operation ${operation}` });
        try {
          return json(200, { result: (await run(body ? JSON.parse(body) : {})) ?? null });
        } catch (error) {
          return json(400, { error: error instanceof Error ? error.message : String(error) });
        }
      },
    };
  }
  if (path === "/v1.0/$batch" && method === "POST") {
    const headers = { authorization: request.headers.authorization, clientRequestId };
    const caller = unverifiedCaller(headers.authorization);
    return {
      target: "graph",
      caller,
      tenantId: caller?.tenantId,
      answer: (body) => handleBatch(context, body, headers),
    };
  }
  if (path === "/v1.0/subscriptions" || path.startsWith("/v1.0/subscriptions/")) {
    const headers = { authorization: request.headers.authorization, clientRequestId };
    const caller = unverifiedCaller(headers.authorization);
    return {
      target: "graph",
      caller,
      tenantId: caller?.tenantId,
      answer: (body) => handleSubscriptionRequest(context, method, url, headers, body),
    };
  }
  if (path.startsWith("/v1.0/") || path === "/v1.0") {
    const headers = {
      authorization: request.headers.authorization,
      clientRequestId,
      consistencyLevel: request.headers.consistencylevel as string | undefined,
    };
    const caller = unverifiedCaller(headers.authorization);
    return {
      target: "graph",
      caller,
      tenantId: caller?.tenantId,
      answer: () => handleGraphRequest(context, method, url, headers),
    };
  }
  if (path === "/common/discovery/instance") return { target: "metadata", answer: () => instanceDiscovery(context) };
  const segments = path.split("/").filter(Boolean);
  const [tenantKey, ...rest] = segments;
  const tail = rest.join("/");
  const pathTenantId = () => context.findTenant(tenantKey)?.tenantId ?? null;
  if (tenantKey && (tail === "v2.0/.well-known/openid-configuration" || tail === ".well-known/openid-configuration")) {
    return { target: "metadata", tenantId: pathTenantId(), answer: () => openIdConfiguration(context, tenantKey) };
  }
  if (tenantKey && tail === "oauth2/v2.0/token" && method === "POST") {
    return {
      target: "token",
      tenantId: pathTenantId(),
      answer: (body) => {
        const form = tokenRequestForm(body, request.headers.authorization);
        const correlationId = clientRequestId ?? randomUUID();
        return form.get("grant_type") === "authorization_code"
          ? codeGrant(context, tenantKey, form, correlationId)
          : tokenEndpoint(context, tenantKey, form, correlationId);
      },
    };
  }
  if (tenantKey && tail === "discovery/v2.0/keys") {
    return { target: "metadata", tenantId: pathTenantId(), answer: () => signingKeys(context, tenantKey) };
  }
  if (tenantKey && tail === "oauth2/v2.0/authorize") {
    return {
      target: "other",
      answer: (body) =>
        method === "POST"
          ? authorizeChoice(context, tenantKey, new URLSearchParams(body))
          : authorizeRequest(context, tenantKey, url.searchParams),
    };
  }
  if (tenantKey && tail === "adminconsent") {
    return { target: "other", answer: () => adminConsent(context, tenantKey, url.searchParams.get("client_id")) };
  }
  if (tenantKey && tail === "v2.0/adminconsent") {
    return {
      target: "other",
      answer: (body) =>
        method === "POST"
          ? adminConsentDecision(context, tenantKey, new URLSearchParams(body))
          : adminConsentPage(context, tenantKey, url.searchParams),
    };
  }
  return { target: "other", answer: () => html(404, "Not found") };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, answer: FakeResponse, target: Route["target"]) {
  const isText = typeof answer.body === "string" && answer.rawContentType;
  const contentType = isText
    ? answer.rawContentType!
    : target === "graph"
      ? "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8"
      : "application/json; charset=utf-8";
  const payload = isText ? (answer.body as string) : JSON.stringify(answer.body);
  response.writeHead(answer.status, { "content-type": contentType, "cache-control": "no-store", ...answer.headers });
  response.end(payload);
}

export async function handleRequest(context: RequestContext, request: IncomingMessage, response: ServerResponse) {
  const method = request.method ?? "GET";
  const url = new URL(request.url ?? "/", context.baseUrl);
  const { target, tenantId = null, caller = null, answer } = route(context, method, url, request);
  context.faults.record(target, `${method} ${url.pathname}${url.search}`);
  const body = await readBody(request);
  if (target !== "control" && target !== "other") {
    const delay = context.faults.latencyFor(target, url.pathname, tenantId);
    if (delay > 0) await sleep(delay);
    // A batch's own requests are throttled one by one inside it.
    const wait = target === "graph" && url.pathname !== "/v1.0/$batch" ? context.faults.admit(caller) : null;
    if (wait !== null)
      return send(
        response,
        graphError(429, "TooManyRequests", "Too many requests.", undefined, { "Retry-After": String(wait) }),
        target,
      );
    const fault = context.faults.take(target, url.pathname, tenantId);
    if (fault) {
      const faulty = faultAnswer(fault, target);
      if (faulty === "drop") return void request.socket.destroy();
      return send(response, faulty, target);
    }
  }
  send(response, await answer(body), target);
}
