import "server-only";
import { z } from "zod";
import { fetchCollectionPage, graphUrl, type GraphPage } from "./graph-pages";
import type { GraphSession } from "./graph-session";

const groupSchema = z.object({ id: z.string().min(1), displayName: z.string().nullish() });
const memberSchema = z.object({ id: z.string().min(1) });

export type GraphGroup = { id: string; displayName: string };

/** Search text as Graph's `$search` takes it: quotes and backslashes would end the phrase early. */
const searchPhrase = (text: string) => text.replace(/["\\]/g, " ").trim();

/**
 * Groups whose name has a word starting with `text` ("eng" finds "Engineering", "Platform Engineering"),
 * first 25 by name. `$search` is an advanced query: it needs `ConsistencyLevel: eventual`.
 */
export async function searchGroups(graph: GraphSession, text: string): Promise<GraphGroup[]> {
  const phrase = searchPhrase(text);
  if (!phrase) return [];
  const url = graphUrl(graph, "groups", {
    $search: `"displayName:${phrase}"`,
    $select: "id,displayName",
    $orderby: "displayName",
    $top: 25,
  });
  const page = await fetchCollectionPage(
    { graph, resource: "groups", headers: { ConsistencyLevel: "eventual" } },
    url,
    groupSchema,
  );
  return page.items.map((group) => ({ id: group.id, displayName: group.displayName ?? group.id }));
}

/** One page of the users in a group and in every group nested in it, each once (ids only). */
export function fetchGroupMemberIdsPage(
  graph: GraphSession,
  groupId: string,
  link: string | null,
  pageSize = 999,
): Promise<GraphPage<{ id: string }>> {
  const url =
    link ??
    graphUrl(graph, `groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user`, {
      $select: "id",
      $top: pageSize,
    });
  return fetchCollectionPage({ graph, resource: "groups" }, url, memberSchema);
}
