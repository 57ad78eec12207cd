import "server-only";
import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { db } from "@/db/client";
import { clients, devices, syncPendingChanges, syncRunPages, syncRuns, type SyncCounts } from "@/db/schema";
import type { KnownRecord, PageDecision } from "./decide-page";

type RecordTable = typeof clients | typeof devices;

export type PageResult = { counts: SyncCounts; skippedReasons: Record<string, number>; nextLink: string | null; deltaLink: string | null };

/** The page's result if an earlier attempt of this step already wrote it. */
export async function writtenPage(runId: string, pageIndex: number): Promise<PageResult | null> {
  const [page] = await db
    .select()
    .from(syncRunPages)
    .where(and(eq(syncRunPages.runId, runId), eq(syncRunPages.pageIndex, pageIndex)));
  return page ? { counts: page.counts, skippedReasons: page.skippedReasons, nextLink: page.nextLink, deltaLink: page.deltaLink } : null;
}

/** The rows Vertask already has for these Entra objects, keyed by object id. */
export async function knownRecords<F>(table: RecordTable, connectionId: string, objectIds: string[], fields: (keyof F)[]) {
  const columns = getTableColumns(table) as unknown as Record<string, AnyPgColumn>;
  const selection = Object.fromEntries(["id", "entraObjectId", "status", ...(fields as string[])].map((f) => [f, columns[f]]));
  const rows = objectIds.length
    ? await db.select(selection).from(table).where(and(eq(table.connectionId, connectionId), inArray(table.entraObjectId, objectIds)))
    : [];
  return new Map(rows.map((row) => [row.entraObjectId as string, row as unknown as KnownRecord<F>]));
}

/** Writes one page in one transaction: upserts, untouched rows' sync time, pending changes, the page record. */
export async function writePage<F extends object>(
  table: RecordTable,
  page: { runId: string; pageIndex: number; connectionId: string; syncedAt: Date },
  decision: PageDecision<F>,
  links: { nextLink: string | null; deltaLink: string | null },
): Promise<PageResult> {
  const { runId, pageIndex, connectionId, syncedAt } = page;
  const result: PageResult = { counts: decision.counts, skippedReasons: decision.skippedReasons, ...links };
  await db.transaction(async (tx) => {
    const rows = [...decision.inserts, ...decision.updates].map((row) => ({
      ...row,
      connectionId,
      source: "azure" as const,
      lastSyncedAt: syncedAt,
      updatedAt: syncedAt,
    }));
    if (rows.length) {
      const columns = getTableColumns(table) as unknown as Record<string, AnyPgColumn>;
      const written = Object.keys(rows[0]).filter((key) => !["id", "connectionId", "entraObjectId", "source"].includes(key));
      const set = Object.fromEntries(written.map((key) => [key, sql.raw(`excluded."${columns[key].name}"`)]));
      await tx
        .insert(table)
        .values(rows as never[])
        .onConflictDoUpdate({ target: [table.connectionId, table.entraObjectId], set });
    }
    if (decision.unchangedIds.length) {
      await tx.update(table).set({ lastSyncedAt: syncedAt }).where(inArray(table.id, decision.unchangedIds));
    }
    if (decision.pending.length) {
      await tx
        .insert(syncPendingChanges)
        .values(decision.pending.map((p) => ({ runId, ...p })))
        .onConflictDoUpdate({
          target: [syncPendingChanges.runId, syncPendingChanges.entraObjectId],
          set: { toStatus: sql.raw("excluded.to_status"), reason: sql.raw("excluded.reason") },
        });
    }
    await tx.insert(syncRunPages).values({ runId, pageIndex, ...result });
    await tx.update(syncRuns).set({ pagesDone: sql`${syncRuns.pagesDone} + 1` }).where(eq(syncRuns.id, runId));
  });
  return result;
}
