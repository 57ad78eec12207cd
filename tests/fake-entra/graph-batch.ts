// Graph's JSON batching: POST /v1.0/$batch with up to 20 GET requests, each answered on its own. Each inner
// request is counted, throttled and failed on demand as if it came alone (Graph counts them one by one).
import { unverifiedCaller } from "./access-tokens";
import type { FaultInjector } from "./faults";
import { handleGraphRequest, type GraphContext } from "./graph-routes";
import { graphError, json, type FakeResponse } from "./responses";

const MAX_REQUESTS = 20;

type InnerRequest = { id: string; method: string; url: string };

function parseRequests(body: string): InnerRequest[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return "The batch body is not JSON.";
  }
  const requests = (parsed as { requests?: unknown }).requests;
  if (!Array.isArray(requests) || !requests.length) return "A batch needs a non-empty requests array.";
  if (requests.length > MAX_REQUESTS) return `A batch holds at most ${MAX_REQUESTS} requests.`;
  if (requests.some((r) => typeof r?.id !== "string" || typeof r?.url !== "string"))
    return "Each request needs an id and a url.";
  if (new Set(requests.map((r) => r.id)).size !== requests.length) return "Request ids must be unique within a batch.";
  return requests.map((r) => ({ id: r.id, method: (r.method ?? "GET").toUpperCase(), url: r.url }));
}

export function handleBatch(
  context: GraphContext & { faults: FaultInjector },
  body: string,
  headers: { authorization?: string; clientRequestId?: string },
): FakeResponse {
  const requests = parseRequests(body);
  if (typeof requests === "string") return graphError(400, "BadRequest", requests, headers.clientRequestId);
  const caller = unverifiedCaller(headers.authorization);
  const responses = requests.map((inner) => {
    // Relative to the version: "/devices?$filter=id in (…)&$expand=registeredOwners($select=id)".
    const url = new URL(`${context.baseUrl}/v1.0${inner.url.startsWith("/") ? "" : "/"}${inner.url}`);
    context.faults.record("batched", `${inner.method} ${url.pathname}${url.search}`);
    const wait = context.faults.admit(caller);
    // A fault may name one inner request by its query too ("/v1.0/devices?$filter=id in ('…'").
    const fault =
      wait === null
        ? context.faults.take("graph", `${url.pathname}${decodeURIComponent(url.search)}`, caller?.tenantId ?? null)
        : null;
    const answer =
      wait !== null
        ? graphError(429, "TooManyRequests", "Too many requests.", undefined, { "Retry-After": String(wait) })
        : fault?.kind === "status"
          ? graphError(
              fault.status,
              fault.status === 429 ? "TooManyRequests" : "UnknownError",
              "Failed on demand.",
              undefined,
              fault.retryAfterSeconds !== null ? { "Retry-After": String(fault.retryAfterSeconds) } : {},
            )
          : handleGraphRequest(context, inner.method, url, headers);
    return {
      id: inner.id,
      status: answer.status,
      headers: { "Content-Type": "application/json", ...answer.headers },
      body: answer.body,
    };
  });
  return json(200, { responses });
}
