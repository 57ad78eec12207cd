import "server-only";
import { and, asc, desc, eq, getTableColumns } from "drizzle-orm";
import { directionOf } from "@/lib/lists/sorting";
import { db } from "@/db/client";
import { entraConnections, organizations, syncRuns, type SyncRun } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { isUuid } from "@/db/is-uuid";
import { findConnection } from "@/lib/connections";
import { invitationsByRun, type RunInvitations } from "@/lib/portal/run-invitations";
import { runListQuery, runSortDefaults, type RunListQuery } from "./list-query";

export type SyncRunWithInvitations<Run extends SyncRun = SyncRun> = Run & { invitations: RunInvitations | null };

/** Each run with the portal invitations it made (users syncs with "Invite synced users" on): null when none. */
async function withInvitations<Run extends SyncRun>(runs: Run[]): Promise<SyncRunWithInvitations<Run>[]> {
  const byRun = await invitationsByRun(runs.map((run) => run.id));
  return runs.map((run) => ({ ...run, invitations: byRun.get(run.id) ?? null }));
}

/** One run as it stands, for the command line that started it (the server's operator, not a staff member). */
export async function findSyncRun(runId: string): Promise<SyncRun> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run) throw new Error(`No sync run ${runId}.`);
  return run;
}

export async function latestSyncRuns(actor: Actor, organizationId: string) {
  authorize(actor, "superuser");
  const connection = await findConnection(organizationId);
  if (!connection) return { users: null, devices: null, usersPreview: null };
  const latest = (kind: "users" | "devices", preview: boolean) =>
    db
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.connectionId, connection.id), eq(syncRuns.kind, kind), eq(syncRuns.preview, preview)))
      .orderBy(desc(syncRuns.queuedAt))
      .limit(1)
      .then(([run]) => run ?? null);
  const runs = await Promise.all([latest("users", false), latest("devices", false), latest("users", true)]);
  const [users, devices, usersPreview] = await Promise.all(
    runs.map(async (run) => (run ? (await withInvitations([run]))[0] : null)),
  );
  return { users, devices, usersPreview };
}

function runOrder({ sort, dir }: Pick<RunListQuery, "sort" | "dir">) {
  const direction = directionOf(sort, dir, runSortDefaults) === "asc" ? asc : desc;
  const byStart = direction(syncRuns.queuedAt);
  return sort === "started"
    ? [byStart]
    : [direction(sort === "kind" ? syncRuns.kind : syncRuns.status), desc(syncRuns.queuedAt)];
}

/**
 * The latest runs, each naming its organization: the named organization's, or every organization's (null); with a
 * query, of its kind and status only, in its order.
 */
export async function listSyncRuns(
  actor: Actor,
  organizationId: string | null,
  limit = 100,
  query: RunListQuery = runListQuery.parse({}),
) {
  authorize(actor, "superuser");
  const runs = await db
    .select({ ...getTableColumns(syncRuns), organizationId: organizations.id, organizationName: organizations.name })
    .from(syncRuns)
    .innerJoin(entraConnections, eq(entraConnections.id, syncRuns.connectionId))
    .innerJoin(organizations, eq(organizations.id, entraConnections.organizationId))
    .where(
      and(
        organizationId ? eq(organizations.id, organizationId) : undefined,
        query.kind ? eq(syncRuns.kind, query.kind) : undefined,
        query.status ? eq(syncRuns.status, query.status) : undefined,
      ),
    )
    .orderBy(...runOrder(query))
    .limit(limit);
  return withInvitations(runs);
}

/** One run of the organization's connection, for its own page; null for a run of another organization. */
export async function getSyncRun(actor: Actor, organizationId: string, runId: string): Promise<SyncRun | null> {
  authorize(actor, "superuser");
  if (!isUuid(runId) || !isUuid(organizationId)) return null;
  const [run] = await db
    .select(getTableColumns(syncRuns))
    .from(syncRuns)
    .innerJoin(entraConnections, eq(entraConnections.id, syncRuns.connectionId))
    .where(and(eq(syncRuns.id, runId), eq(entraConnections.organizationId, organizationId)));
  return run ?? null;
}
