import "server-only";
import { and, count, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import { db } from "@/db/client";
import {
  clients,
  devices,
  recordEvents,
  syncRuns,
  type FieldChange,
  type RecordEvent,
  type RecordStatus,
} from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";
import { isUuid } from "@/db/is-uuid";
import { pageSize } from "@/lib/lists/search-pattern";
import type { ListTotal } from "@/lib/lists/list-total";
import type { EventRun, OwnerNames } from "./describe-event";

/** Whose history: a client's or a device's (the page has already found the record for its reader). */
export type HistoryOf = { clientId: string } | { deviceId: string };

/** An event with the run that made it, if a run did (its page is the run's organization's). */
export type HistoryEntry = { event: RecordEvent; run: (EventRun & { id: string }) | null };

const recordColumn = (of: HistoryOf) => ("clientId" in of ? recordEvents.clientId : recordEvents.deviceId);
const recordId = (of: HistoryOf) => ("clientId" in of ? of.clientId : of.deviceId);

const entryColumns = {
  event: recordEvents,
  run: { id: syncRuns.id, kind: syncRuns.kind, startedAt: syncRuns.startedAt, queuedAt: syncRuns.queuedAt },
};

/**
 * A page of a record's history, newest first: read backwards along the record's own index (client_id, id) or
 * (device_id, id), so a record with thousands of events costs a page's rows. A device's owners are named.
 */
export async function recordHistory(
  actor: Actor,
  of: HistoryOf,
  page: number,
): Promise<{ entries: HistoryEntry[]; total: ListTotal; owners: OwnerNames }> {
  authorize(actor, "staff");
  const id = recordId(of);
  if (!isUuid(id)) return { entries: [], total: { count: 0, precision: "exact" }, owners: new Map() };
  const [entries, [{ total }]] = await Promise.all([
    db
      .select(entryColumns)
      .from(recordEvents)
      .leftJoin(syncRuns, eq(syncRuns.id, recordEvents.runId))
      .where(eq(recordColumn(of), id))
      .orderBy(desc(recordEvents.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ total: count() })
      .from(recordEvents)
      .where(eq(recordColumn(of), id)),
  ]);
  const owners =
    "deviceId" in of
      ? await ownerNamesIn(
          sql`(SELECT ${devices.connectionId} FROM ${devices} WHERE ${devices.id} = ${of.deviceId})`,
          entries.map(({ event }) => event.changes),
        )
      : new Map<string, string>();
  return { entries, total: { count: total, precision: "exact" }, owners };
}

/**
 * The names of the owners these changes tell of: the clients synced with those Entra object ids in the device's
 * connection (`connectionId`: an id, or a subquery for it). An owner not found is named by describeChanges.
 */
export async function ownerNamesIn(connectionId: string | SQL, changes: (FieldChange[] | null)[]): Promise<OwnerNames> {
  const ids = [
    ...new Set(
      changes.flatMap((list) => (list ?? []).flatMap((c) => (c.field === "ownerEntraObjectId" ? [c.from, c.to] : []))),
    ),
  ].filter((id): id is string => Boolean(id));
  if (!ids.length) return new Map();
  const rows = await db
    .select({ entraObjectId: clients.entraObjectId, displayName: clients.displayName })
    .from(clients)
    .where(and(sql`${clients.connectionId} = ${connectionId}`, inArray(clients.entraObjectId, ids)));
  return new Map(rows.map((row) => [row.entraObjectId!, row.displayName]));
}

/** The latest event that made a record disabled or removed: what its state line tells. Null for an active one. */
export async function eventThatMadeIt(actor: Actor, of: HistoryOf, status: RecordStatus): Promise<HistoryEntry | null> {
  authorize(actor, "staff");
  if (status === "active" || !isUuid(recordId(of))) return null;
  const [entry] = await db
    .select(entryColumns)
    .from(recordEvents)
    .leftJoin(syncRuns, eq(syncRuns.id, recordEvents.runId))
    .where(and(eq(recordColumn(of), recordId(of)), eq(recordEvents.kind, status)))
    .orderBy(desc(recordEvents.id))
    .limit(1);
  return entry ?? null;
}
