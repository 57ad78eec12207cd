import "server-only";
import type { Transaction } from "@/db/client";
import { recordEvents } from "@/db/schema";
import type { Actor } from "@/lib/auth/authorize";

/** An event of one client's or device's history, as a hand edit or a portal step appends it. */
export type NewRecordEvent = typeof recordEvents.$inferInsert;

/**
 * Appends events to records' histories, inside the transaction of the change they tell of: a change without its
 * event, or an event without its change, cannot be committed. Events are never updated (lib/history).
 */
export async function appendRecordEvents(tx: Transaction, events: NewRecordEvent[]) {
  if (events.length) await tx.insert(recordEvents).values(events);
}

/** Who an event names when a staff member did it: the name is kept, so it reads the same after they leave. */
export const doneBy = (actor: Actor) => ({ staffId: actor.id, staffName: actor.name });
