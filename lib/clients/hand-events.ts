import type { Client } from "@/db/schema";
import type { Actor } from "@/lib/auth/authorize";
import { doneBy, fieldChanges, type NewRecordEvent } from "@/lib/history";
import { clientFieldColumns, type ClientField } from "./client-fields";

type Moved = { from: string | null; to: string | null } | null;

/**
 * What a hand edit tells in the client's history: the fields changed, old → new, under the columns' names a sync
 * uses; Notes only as "changed, by whom", never their text (staff may write anything there).
 */
export function handEditEvents(
  actor: Actor,
  before: Client,
  after: { organizationId: string; values: Partial<Client> },
  changed: ClientField[],
  moved: Moved,
): NewRecordEvent[] {
  const about = { organizationId: after.organizationId, clientId: before.id, ...doneBy(actor) };
  const columns = changed.filter((field) => field !== "notes").map((field) => clientFieldColumns[field]);
  const changes = fieldChanges(before, { ...before, ...after.values }, columns);
  if (moved) changes.push({ field: "organization", ...moved });
  return [
    ...(changes.length ? [{ ...about, kind: "edited_by_hand" as const, changes }] : []),
    ...(changed.includes("notes") ? [{ ...about, kind: "notes_changed" as const }] : []),
  ];
}
