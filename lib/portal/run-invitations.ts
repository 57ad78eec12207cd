import "server-only";
import { inArray, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { portalInvitations } from "@/db/schema";

/** What became of the invitations one users sync made: sent, still waiting for the job engine, or never sent. */
export type RunInvitations = { sent: number; waiting: number; notSent: number };

/** The invitations each of these runs made, by run id; a run that made none is absent. */
export async function invitationsByRun(runIds: string[]): Promise<Map<string, RunInvitations>> {
  if (runIds.length === 0) return new Map();
  const rows = await db
    .select({
      runId: portalInvitations.syncRunId,
      sent: sql<number>`count(*) FILTER (WHERE ${portalInvitations.sentAt} IS NOT NULL)::int`,
      waiting: sql<number>`count(*) FILTER (WHERE ${portalInvitations.sentAt} IS NULL AND ${portalInvitations.sendError} IS NULL AND ${portalInvitations.supersededAt} IS NULL AND ${portalInvitations.usedAt} IS NULL)::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(portalInvitations)
    .where(inArray(portalInvitations.syncRunId, runIds))
    .groupBy(portalInvitations.syncRunId);
  return new Map(
    rows.map((row) => [
      row.runId!,
      { sent: row.sent, waiting: row.waiting, notSent: row.total - row.sent - row.waiting },
    ]),
  );
}
