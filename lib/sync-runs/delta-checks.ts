import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { activeRunsOf } from "@/db/run-filters";
import { deltaChecks, entraConnections, syncRuns, type SyncKind } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { readyToSyncSql } from "@/lib/connections";
import type { DeltaCheckFound } from "./look-for-changes";
import { takeOverOrphanedRuns } from "./run-owner";

// The bookkeeping of the delta rounds of a connection syncing Continuously, per kind (the delta_checks row):
// many requests in a few seconds make one look at Graph, and a request that comes while a look or a run is going
// makes one more after it, never a second one beside it. Times are the app's clock, as a run's started_at is.

/** A look at Graph that has not ended after this long was lost with its process: a new request may look again. */
const LOOK_GIVEN_UP_AFTER_MS = 2 * 60_000;

export type DeltaRequestReason = "notification" | "lifecycle" | "poll";

/** What a request for a delta round may do now. */
export type DeltaClaim =
  | { look: true; since: string }
  | { look: false; because: "not continuous" | "a run is going" | "a look is going" | "a run waits for review" };

/** Whether a run (a preview too) of this connection and kind is queued or running; one whose owner is gone is ended first, as createSyncRun does. */
async function runGoing(connectionId: string, kind: SyncKind) {
  const active = () => db.select({ id: syncRuns.id }).from(syncRuns).where(activeRunsOf(connectionId, kind));
  if ((await active()).length === 0) return false;
  await takeOverOrphanedRuns(connectionId, kind);
  return (await active()).length > 0;
}

const thisCheck = (connectionId: string, kind: SyncKind) =>
  and(eq(deltaChecks.connectionId, connectionId), eq(deltaChecks.kind, kind));

/**
 * Notes a request (committed on its own first: a look or a run ending after this sees it), then claims the look at
 * Graph unless a look or a run of this connection and kind is going (the one going answers for this request, or
 * goes round once more for it) or a run waits for a superuser's review.
 */
export async function claimDeltaLook(
  connectionId: string,
  kind: SyncKind,
  reason: DeltaRequestReason,
): Promise<DeltaClaim> {
  const requestedAt = new Date();
  await db
    .insert(deltaChecks)
    .values({ connectionId, kind, requestedAt, requestedFor: reason })
    .onConflictDoUpdate({
      target: [deltaChecks.connectionId, deltaChecks.kind],
      set: { requestedAt, requestedFor: reason },
    });
  const [connection] = await db
    .select({ id: entraConnections.id })
    .from(entraConnections)
    .where(
      and(eq(entraConnections.id, connectionId), eq(entraConnections.syncFrequency, "continuous"), readyToSyncSql),
    );
  if (!connection) return { look: false, because: "not continuous" };
  if (await runGoing(connectionId, kind)) return { look: false, because: "a run is going" };
  const [latest] = await db
    .select({ status: syncRuns.status })
    .from(syncRuns)
    .where(and(eq(syncRuns.connectionId, connectionId), eq(syncRuns.kind, kind), eq(syncRuns.preview, false)))
    .orderBy(desc(syncRuns.queuedAt))
    .limit(1);
  if (latest?.status === "needs_review") return { look: false, because: "a run waits for review" };
  return db.transaction(async (tx) => {
    const [check] = await tx
      .select({ checkingSince: deltaChecks.checkingSince })
      .from(deltaChecks)
      .where(thisCheck(connectionId, kind))
      .for("update");
    if (check?.checkingSince && Date.now() - check.checkingSince.getTime() < LOOK_GIVEN_UP_AFTER_MS)
      return { look: false, because: "a look is going" } as const;
    const since = new Date();
    await tx.update(deltaChecks).set({ checkingSince: since }).where(thisCheck(connectionId, kind));
    return { look: true, since: since.toISOString() } as const;
  });
}

/**
 * Ends a look at Graph: keeps the new delta link when nothing changed (only while the look's link is still the
 * stored one), and notes when it looked and what it found. `again`: a request came while it looked, so it goes
 * round once more (the change behind that request may have reached Graph after the look).
 */
export async function endDeltaLook(
  connectionId: string,
  kind: SyncKind,
  since: string,
  outcome: DeltaCheckFound | { problem: string },
): Promise<{ again: boolean }> {
  return db.transaction(async (tx) => {
    const [check] = await tx
      .select({ requestedAt: deltaChecks.requestedAt })
      .from(deltaChecks)
      .where(thisCheck(connectionId, kind))
      .for("update");
    if ("changed" in outcome && !outcome.changed) {
      const [linkColumn, newLink] =
        kind === "users"
          ? [entraConnections.usersDeltaLink, { usersDeltaLink: outcome.deltaLink }]
          : [entraConnections.devicesDeltaLink, { devicesDeltaLink: outcome.deltaLink }];
      await tx
        .update(entraConnections)
        .set(newLink)
        .where(and(eq(entraConnections.id, connectionId), eq(linkColumn, outcome.link)));
    }
    await tx
      .update(deltaChecks)
      .set({
        checkingSince: null,
        checkedAt: new Date(),
        foundChanges: "changed" in outcome ? outcome.changed : null,
        problem: "problem" in outcome ? outcome.problem : null,
      })
      .where(thisCheck(connectionId, kind));
    return { again: Boolean(check && check.requestedAt > new Date(since)) };
  });
}

/**
 * After a run: why a delta round was asked for while it ran (after it began listing), when its connection syncs
 * Continuously; null when none was. The run's end is committed before this reads: a request that found it running
 * was noted before, so it is seen here.
 */
export async function deltaRequestedDuringRun(runId: string): Promise<DeltaRequestReason | null> {
  const [asked] = await db
    .select({ reason: deltaChecks.requestedFor })
    .from(syncRuns)
    .innerJoin(
      deltaChecks,
      and(eq(deltaChecks.connectionId, syncRuns.connectionId), eq(deltaChecks.kind, syncRuns.kind)),
    )
    .innerJoin(entraConnections, eq(entraConnections.id, syncRuns.connectionId))
    .where(
      and(
        eq(syncRuns.id, runId),
        eq(entraConnections.syncFrequency, "continuous"),
        sql`${deltaChecks.requestedAt} > coalesce(${syncRuns.startedAt}, ${syncRuns.queuedAt})`,
      ),
    );
  return (asked?.reason as DeltaRequestReason | undefined) ?? null;
}

export type LastDeltaCheck = { checkedAt: Date; foundChanges: boolean | null; problem: string | null };

/** The same, for a superuser's Microsoft Azure tab. */
export async function deltaChecksFor(actor: Actor, connectionId: string) {
  authorize(actor, "superuser");
  return lastDeltaChecks(connectionId);
}

/** What the last delta round of each kind found; a kind never looked at is absent. */
export async function lastDeltaChecks(connectionId: string): Promise<Partial<Record<SyncKind, LastDeltaCheck>>> {
  const rows = await db
    .select({
      kind: deltaChecks.kind,
      checkedAt: deltaChecks.checkedAt,
      foundChanges: deltaChecks.foundChanges,
      problem: deltaChecks.problem,
    })
    .from(deltaChecks)
    .where(eq(deltaChecks.connectionId, connectionId));
  return Object.fromEntries(
    rows.flatMap(({ kind, checkedAt, ...found }) => (checkedAt ? [[kind, { checkedAt, ...found }]] : [])),
  );
}

/** The last look in the tab's words: "checked 40 s ago, no changes". */
export function describeDeltaCheck(check: LastDeltaCheck, now = new Date()) {
  const seconds = Math.max(0, Math.round((now.getTime() - check.checkedAt.getTime()) / 1000));
  const ago =
    seconds < 120
      ? `${seconds} s`
      : seconds < 7200
        ? `${Math.round(seconds / 60)} min`
        : `${Math.round(seconds / 3600)} h`;
  if (check.problem) return `checked ${ago} ago: ${check.problem}`;
  return `checked ${ago} ago, ${check.foundChanges ? "changes found" : "no changes"}`;
}
