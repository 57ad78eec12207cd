import "server-only";
import { sql } from "drizzle-orm";
import { fetchGroupMemberIdsPage, type GraphPage } from "@/lib/azure";
import type { PageListing } from "./page-steps";
import { whileRunning, writeRunListPage } from "./write-page";

/**
 * A group-scoped users sync's first pass: the users of one chosen group, nested groups included, kept for
 * the run (sync_scope_members) so the users listing can tell who is in scope.
 */
export const scopeMembersListing = (groupId: string): PageListing<GraphPage<{ id: string }>, string[]> => ({
  fetch: (graph, link) => fetchGroupMemberIdsPage(graph, groupId, link),
  prepare: async (_plan, page) => [...new Set(page.items.map((member) => member.id))],
  write(plan, pageIndex, page, memberIds) {
    const insert = memberIds.length
      ? sql`INSERT INTO sync_scope_members (run_id, object_id)
          SELECT ${plan.runId}::uuid, unnest(${sql.param(memberIds)}::text[]) WHERE ${whileRunning} ON CONFLICT DO NOTHING`
      : null;
    return writeRunListPage(plan.runId, pageIndex, insert, page.nextLink);
  },
});
