import "server-only";
import type { z } from "zod";
import { classifyEntraError } from "./errors/classify";
import { EntraError, UnexpectedResponseError } from "./errors/entra-error";
import { assertGraphLink, getGraphJson } from "./graph-request";
import type { GraphSession } from "./graph-session";
import { graphCollectionPageSchema, removedMarkerSchema } from "./graph-shapes";
import type { GraphResource } from "./permissions";

/** One page of a listing. `nextLink` is null on the last page; a caller passes it back to get the next one. */
export type GraphPage<T> = { items: T[]; nextLink: string | null; deltaLink: string | null };

/** "upsert" covers new, changed and restored objects; "removed" carries Graph's reason (see removedMarkerSchema). */
export type DeltaChange<T> =
  { type: "upsert"; item: T } | { type: "removed"; id: string; reason: "changed" | "deleted" };

/**
 * One page of a delta query. The last page of a round has `deltaLink` (store it; it asks for what changed
 * next time). An expired or unusable delta link gives `fullResyncNeeded` instead: list everything again.
 */
export type DeltaPage<T> =
  | { fullResyncNeeded: false; changes: DeltaChange<T>[]; nextLink: string | null; deltaLink: string | null }
  | { fullResyncNeeded: true; reason: string };

/** `headers`: what an advanced query needs, e.g. `ConsistencyLevel: eventual` for `$search`. */
type PageContext = { graph: GraphSession; resource: GraphResource; headers?: Record<string, string> };

function notGraphShaped(context: PageContext, problem: string): EntraError {
  const { graph, resource } = context;
  const cause = new UnexpectedResponseError("graph", new URL(graph.endpoints.graphBaseUrl).host, problem);
  return new EntraError(classifyEntraError(cause, { ...graph.settings, endpoints: graph.endpoints, resource }), {
    cause,
  });
}

function firstIssue(error: z.ZodError) {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "the page"}: ${issue.message}` : "unknown problem";
}

async function getEnvelope(context: PageContext, url: string) {
  const body = await getGraphJson(context.graph, url, context.resource, context.headers);
  const envelope = graphCollectionPageSchema.safeParse(body);
  if (!envelope.success) throw notGraphShaped(context, `not a Graph collection page (${firstIssue(envelope.error)})`);
  const nextLink = envelope.data["@odata.nextLink"] ?? null;
  const deltaLink = envelope.data["@odata.deltaLink"] ?? null;
  for (const link of [nextLink, deltaLink]) {
    if (!link) continue;
    try {
      assertGraphLink(link, context.graph.endpoints);
    } catch (error) {
      throw notGraphShaped(context, (error as UnexpectedResponseError).problem);
    }
  }
  return { values: envelope.data.value, nextLink, deltaLink };
}

export async function fetchCollectionPage<S extends z.ZodType>(
  context: PageContext,
  url: string,
  itemSchema: S,
): Promise<GraphPage<z.infer<S>>> {
  const { values, nextLink, deltaLink } = await getEnvelope(context, url);
  const items = values.map((value, index) => {
    const parsed = itemSchema.safeParse(value);
    if (!parsed.success)
      throw notGraphShaped(
        context,
        `item ${index} is not a Graph ${context.resource.slice(0, -1)} (${firstIssue(parsed.error)})`,
      );
    return parsed.data as z.infer<S>;
  });
  return { items, nextLink, deltaLink };
}

export async function fetchDeltaPage<S extends z.ZodType>(
  context: PageContext,
  link: string,
  changeSchema: S,
): Promise<DeltaPage<z.infer<S>>> {
  let envelope: Awaited<ReturnType<typeof getEnvelope>>;
  try {
    assertGraphLink(link, context.graph.endpoints);
    envelope = await getEnvelope(context, link);
  } catch (error) {
    if (error instanceof EntraError && error.code === "delta_expired")
      return { fullResyncNeeded: true, reason: error.message };
    if (error instanceof UnexpectedResponseError) {
      return {
        fullResyncNeeded: true,
        reason: "The saved delta link points at another Graph host than GRAPH_BASE_URL.",
      };
    }
    throw error;
  }
  const changes = envelope.values.map((value, index): DeltaChange<z.infer<S>> => {
    if (typeof value === "object" && value !== null && "@removed" in value) {
      const removed = removedMarkerSchema.safeParse(value);
      if (!removed.success)
        throw notGraphShaped(context, `removal ${index} is not what Graph sends (${firstIssue(removed.error)})`);
      return { type: "removed", id: removed.data.id, reason: removed.data["@removed"].reason };
    }
    const parsed = changeSchema.safeParse(value);
    if (!parsed.success)
      throw notGraphShaped(
        context,
        `change ${index} is not a Graph ${context.resource.slice(0, -1)} (${firstIssue(parsed.error)})`,
      );
    return { type: "upsert", item: parsed.data as z.infer<S> };
  });
  return { fullResyncNeeded: false, changes, nextLink: envelope.nextLink, deltaLink: envelope.deltaLink };
}

/** A Graph v1.0 URL with OData options; values are percent-encoded, `$` names are kept as Graph documents them. */
export function graphUrl(graph: GraphSession, path: string, query: Record<string, string | number | undefined>) {
  const { graphBaseUrl } = graph.endpoints;
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`);
  return `${graphBaseUrl}/v1.0/${path}${parts.length ? `?${parts.join("&")}` : ""}`;
}

/** Every page from `link` on, one at a time (memory stays that of one page), until `next` gives no link. */
export async function* pagesFollowing<P>(
  link: string | null,
  fetchPage: (link: string | null) => Promise<P>,
  next: (page: P) => string | null,
) {
  let current = link;
  do {
    const page = await fetchPage(current);
    yield page;
    current = next(page);
  } while (current);
}

/**
 * A delta link that starts now (Graph's "sync from now", `$deltatoken=latest` on a delta URL): no objects,
 * only a link. Taken before a plain listing of everything, it makes the next delta bring whatever changed
 * while the listing ran.
 */
export async function deltaLinkFromNow<T>(
  firstLink: string,
  fetchPage: (link: string) => Promise<DeltaPage<T>>,
): Promise<string> {
  let link: string | null = firstLink;
  for (const started = Date.now(); link;) {
    const page: DeltaPage<T> = await fetchPage(link);
    if (page.fullResyncNeeded) throw new Error(`Graph refused a delta link from now: ${page.reason}`);
    if (page.deltaLink) return page.deltaLink;
    // Graph may answer with pages (of no objects) before the delta link; a listing that never ends is a fault.
    if (Date.now() - started > 60_000) break;
    link = page.nextLink;
  }
  throw new Error("Graph gave no delta link from now.");
}

/** The link after a delta page: none after the last page, or after one that needs a full resync. */
export const nextDeltaLink = <T>(page: DeltaPage<T>) => (page.fullResyncNeeded ? null : page.nextLink);
