import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import { GraphError } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import { classifyEntraError } from "./errors/classify";
import { EntraError } from "./errors/entra-error";
import { postGraphJson } from "./graph-request";
import type { GraphSession } from "./graph-session";
import type { GraphResource } from "./permissions";
import { retryAfterSeconds } from "./retry-after";
import { holdTenant } from "./tenant-hold";

// Graph's JSON batching: up to 20 GETs in one POST /$batch, each answered on its own. Inner requests count
// against throttling one by one, and a 429 inside a batch carries its own Retry-After: those are sent again,
// alone, after the wait.

export const BATCH_SIZE = 20;

const batchAnswerSchema = z.object({
  responses: z.array(
    z.object({
      id: z.string(),
      status: z.number(),
      headers: z.record(z.string(), z.string()).nullish(),
      body: z.unknown(),
    }),
  ),
});
type InnerAnswer = z.infer<typeof batchAnswerSchema>["responses"][number];

const RETRIED_STATUSES = new Set([429, 503, 504]);

const headerOf = (answer: InnerAnswer, name: string) =>
  Object.entries(answer.headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1] ?? null;

/** An inner failure as the Graph client would have thrown it alone, classified the same way. */
function innerFailure(graph: GraphSession, answer: InnerAnswer, resource: GraphResource) {
  const error = (answer.body as { error?: { code?: string; message?: string } } | null)?.error;
  const cause = new GraphError(answer.status, error?.message ?? `HTTP ${answer.status} inside a batch`);
  cause.code = error?.code ?? null;
  cause.headers = new Headers(Object.entries(answer.headers ?? {}));
  return new EntraError(classifyEntraError(cause, { ...graph.settings, endpoints: graph.endpoints, resource }), {
    cause,
  });
}

/** One batch of up to 20 paths: each path's body, or null for a 404; retried alone within the session's policy. */
async function sendBatch(graph: GraphSession, paths: string[], resource: GraphResource) {
  const results = new Map<string, unknown>();
  let pending = paths.map((path, index) => ({ id: String(index), path }));
  for (let attempt = 0; ; attempt++) {
    const body = { requests: pending.map(({ id, path }) => ({ id, method: "GET", url: path })) };
    const answer = batchAnswerSchema.parse(
      await postGraphJson(graph, `${graph.endpoints.graphBaseUrl}/v1.0/$batch`, resource, body),
    );
    const byId = new Map(pending.map((request) => [request.id, request]));
    const again: typeof pending = [];
    let wait = 0;
    let lastRefusal: InnerAnswer | null = null;
    for (const inner of answer.responses) {
      const request = byId.get(inner.id);
      if (!request) continue;
      if (inner.status >= 200 && inner.status < 300) results.set(request.path, inner.body);
      else if (inner.status === 404) results.set(request.path, null);
      else if (RETRIED_STATUSES.has(inner.status)) {
        again.push(request);
        wait = Math.max(wait, retryAfterSeconds(headerOf(inner, "Retry-After")) ?? graph.retry.fallbackDelaySeconds);
        lastRefusal = inner;
      } else throw innerFailure(graph, inner, resource);
    }
    if (!again.length) return results;
    if (attempt >= graph.retry.maxRetries || wait > graph.retry.maxWaitSeconds)
      throw innerFailure(graph, lastRefusal!, resource);
    holdTenant(graph, wait);
    graph.noteWait(wait);
    await sleep(wait * 1000);
    pending = again;
  }
}

/** GETs many Graph paths (relative to the version, e.g. "/devices/{id}/registeredOwners"), `batchesAtOnce` batches in flight. */
export async function batchGet(graph: GraphSession, paths: string[], resource: GraphResource, batchesAtOnce: number) {
  const results = new Map<string, unknown>();
  const batches: string[][] = [];
  for (let i = 0; i < paths.length; i += BATCH_SIZE) batches.push(paths.slice(i, i + BATCH_SIZE));
  for (let i = 0; i < batches.length; i += batchesAtOnce) {
    const answers = await Promise.all(
      batches.slice(i, i + batchesAtOnce).map((batch) => sendBatch(graph, batch, resource)),
    );
    for (const answer of answers) for (const [path, body] of answer) results.set(path, body);
  }
  return results;
}
