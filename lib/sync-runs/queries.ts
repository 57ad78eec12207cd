import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRuns, type SyncRun } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findPrimaryConnection } from "@/lib/sync-settings/connection-row";
import { invitationsByRun, type RunInvitations } from "@/lib/portal/run-invitations";

export type SyncRunWithInvitations = SyncRun & { invitations: RunInvitations | null };

/** Each run with the portal invitations it made (users syncs with "Invite synced users" on): null when none. */
async function withInvitations(runs: SyncRun[]): Promise<SyncRunWithInvitations[]> {
  const byRun = await invitationsByRun(runs.map((run) => run.id));
  return runs.map((run) => ({ ...run, invitations: byRun.get(run.id) ?? null }));
}

export async function latestSyncRuns(actor: Actor) {
  authorize(actor, "superuser");
  const connection = await findPrimaryConnection();
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
  const [users, devices, usersPreview] = await Promise.all(runs.map(async (run) => (run ? (await withInvitations([run]))[0] : null)));
  return { users, devices, usersPreview };
}

export async function listSyncRuns(actor: Actor, limit = 100) {
  authorize(actor, "superuser");
  return withInvitations(await db.select().from(syncRuns).orderBy(desc(syncRuns.queuedAt)).limit(limit));
}
