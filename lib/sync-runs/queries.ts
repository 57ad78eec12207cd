import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { findPrimaryConnection } from "@/lib/sync-settings/connection-row";

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
  const [users, devices, usersPreview] = await Promise.all([latest("users", false), latest("devices", false), latest("users", true)]);
  return { users, devices, usersPreview };
}

export async function listSyncRuns(actor: Actor, limit = 100) {
  authorize(actor, "superuser");
  return db.select().from(syncRuns).orderBy(desc(syncRuns.queuedAt)).limit(limit);
}
