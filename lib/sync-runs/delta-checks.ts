import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { activeRunsOf } from "@/db/run-filters";
import { deltaChecks, entraConnections, syncRuns, type SyncKind } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { readyToSyncSql } from "@/lib/connections";
import type { deltaRequested } from "@/lib/job-engine/events";
import type { DeltaCheckFound } from "./look-for-changes";
import { takeOverOrphanedRuns } from "./run-owner";

// The bookkeeping of the delta rounds of a connection syncing Continuously, per kind (the delta_checks row):
// many requests in a few seconds make one look at Graph, and a request that comes while a look or a run is going
// makes one more after it, never a second one beside it. Times are the app's clock, as a run's started_at is.

/** Why a round was asked for, as the event azure/delta.requested says it. */
export type DeltaRequestReason = Parameters<typeof deltaRequested.create>[0]["reason"];

/** A look at Graph that has not ended after this long was lost with its process: a new request may look again. */
const LOOK_GIVEN_UP_AFTER_MS = 2 * 60_000;

/** What a request for a delta round may do now. */
export type DeltaClaim =
  | { look: true; since: string }
  | { look: false; because: "not continuous" | "a look is going" | "a run waits for review" }
  | { look: false; because: "a run is going"; unsentRunId?: string };

/** Who the run history names for a run a delta round started. */
const CONTINUOUS_REQUESTER = "Continuously";

/**
 * A run a round queued that has not begun after this long may have lost its event (the round's process died between
 * queueing it and sending it): the next round sends it again, under the same event id, which the job engine takes once.
 */
const UNSENT_AFTER_MS = 30_000;

const thisCheck = (connectionId: string, kind: SyncKind) =>
  and(eq(deltaChecks.connectionId, connectionId), eq(deltaChecks.kind, kind));

/**
 * In one query: whether the connection syncs Continuously and is ready, whether a run (a preview too) of this kind
 * is queued or running, and the status of its last run (previews aside). No row: not continuous, or not ready.
 */
async function roundState(connectionId: string, kind: SyncKind) {
  const [state] = await db
    .select({
      going: sql<boolean>`EXISTS (SELECT 1 FROM sync_runs r WHERE r.connection_id = ${connectionId}
        AND r.kind = ${kind} AND r.status IN ('queued', 'running'))`,
      latest: sql<string | null>`(SELECT r.status FROM sync_runs r WHERE r.connection_id = ${connectionId}
        AND r.kind = ${kind} AND NOT r.preview ORDER BY r.queued_at DESC LIMIT 1)`,
    })
    .from(entraConnections)
    .where(
      and(eq(entraConnections.id, connectionId), eq(entraConnections.syncFrequency, "continuous"), readyToSyncSql),
    );
  return state;
}

/** Whether the run found going is still alive: one whose owner is gone is ended first, as createSyncRun does. */
async function runStillGoing(connectionId: string, kind: SyncKind) {
  await takeOverOrphanedRuns(connectionId, kind);
  const [active] = await db
    .select({ id: syncRuns.id, status: syncRuns.status, queuedAt: syncRuns.queuedAt, by: syncRuns.requestedByName })
    .from(syncRuns)
    .where(activeRunsOf(connectionId, kind));
  return active;
}

/** Why a round that holds the look should not look after all: nothing when it should. */
async function reasonNotToLook(
  connectionId: string,
  kind: SyncKind,
): Promise<Exclude<DeltaClaim, { look: true }> | null> {
  const state = await roundState(connectionId, kind);
  if (!state) return { look: false, because: "not continuous" };
  const going = state.going ? await runStillGoing(connectionId, kind) : undefined;
  if (going) {
    const unsent =
      going.status === "queued" &&
      going.by === CONTINUOUS_REQUESTER &&
      Date.now() - going.queuedAt.getTime() > UNSENT_AFTER_MS;
    return { look: false, because: "a run is going", ...(unsent ? { unsentRunId: going.id } : {}) };
  }
  if (state.latest === "needs_review") return { look: false, because: "a run waits for review" };
  return null;
}

/**
 * Notes a request (committed on its own first: a look or a run ending after this sees it), then claims the look at
 * Graph unless a look or a run of this connection and kind is going (the one going answers for this request, or
 * goes round once more for it) or a run waits for a superuser's review. Three statements when nothing is going.
 * The runs are read after the claim: a look that ended while this one waited for the claim queued its run first.
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
  // The claim in one statement: it waits for a look ending meanwhile (its row lock), then sees that look's end.
  const since = new Date();
  const claimed = await db
    .update(deltaChecks)
    .set({ checkingSince: since })
    .where(
      and(
        thisCheck(connectionId, kind),
        or(
          isNull(deltaChecks.checkingSince),
          lt(deltaChecks.checkingSince, new Date(since.getTime() - LOOK_GIVEN_UP_AFTER_MS)),
        ),
      ),
    )
    .returning({ kind: deltaChecks.kind });
  if (!claimed.length) return { look: false, because: "a look is going" };
  const notNow = await reasonNotToLook(connectionId, kind);
  if (!notNow) return { look: true, since: since.toISOString() };
  // Let go: a request noted meanwhile is answered by the run going (queued, it begins after; running, its end looks again).
  await db
    .update(deltaChecks)
    .set({ checkingSince: null })
    .where(and(thisCheck(connectionId, kind), eq(deltaChecks.checkingSince, since)));
  return notNow;
}

/**
 * Ends a look at Graph: keeps the new delta link when nothing changed (only while the look's link is still the
 * stored one), or queues a run when something did (`runId`; null when another run of this kind came first), and
 * notes when it looked and what it found, all before the look is let go. `again`: a request came while it looked
 * and found nothing, so it goes round once more (the change behind it may have reached Graph after the look).
 */
export async function endDeltaLook(
  connectionId: string,
  kind: SyncKind,
  since: string,
  outcome: DeltaCheckFound | { problem: string },
): Promise<{ again: boolean; runId: string | null }> {
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
    // A run queued now begins after every request so far: it answers for them all. The unique index of active runs
    // refuses it when a run of this kind (a Sync now, say) came first.
    const [run] =
      "changed" in outcome && outcome.changed
        ? await tx
            .insert(syncRuns)
            .values({ connectionId, kind, trigger: "scheduled", full: false, requestedByName: CONTINUOUS_REQUESTER })
            .onConflictDoNothing()
            .returning({ id: syncRuns.id })
        : [];
    await tx
      .update(deltaChecks)
      .set({
        checkingSince: null,
        checkedAt: new Date(),
        foundChanges: "changed" in outcome ? outcome.changed : null,
        problem: "problem" in outcome ? outcome.problem : null,
      })
      .where(thisCheck(connectionId, kind));
    const again = !("changed" in outcome && outcome.changed) && Boolean(check && check.requestedAt > new Date(since));
    return { again, runId: run?.id ?? null };
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
