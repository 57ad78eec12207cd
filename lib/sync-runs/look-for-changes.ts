import "server-only";
import { allUsersScope, type SyncKind } from "@/db/schema";
import { fetchDevicesDeltaPage, fetchUsersDeltaPage, openGraphSession, type GraphOptions } from "@/lib/azure";
import { loadConnection } from "@/lib/sync/run-plan";
import { sameScope } from "@/lib/sync/users-scope";
import type { DeltaRequestReason } from "./delta-checks";

/**
 * What one look at Graph found: nothing since the stored delta link (with the link to keep, which may be a new
 * one), or something a run must bring in. `link` is the delta link the look started from, so the new one is kept
 * only while it is still the stored one.
 */
export type DeltaCheckFound = { changed: false; link: string; deltaLink: string } | { changed: true };

/**
 * Whether Entra changed anything of one kind since the connection's stored delta link, in one Graph request: the
 * first page of the delta round. No page of changes is written here; a run lists them (through the same sync
 * functions as any run). Without a usable delta link (none yet, "Sync external users" or the users scope changed
 * since it was made) the next run lists everything, so that counts as a change without asking Graph.
 */
export async function lookForChanges(
  connectionId: string,
  kind: SyncKind,
  options: GraphOptions = {},
  reason: DeltaRequestReason = "poll",
): Promise<DeltaCheckFound> {
  const { connection, settings } = await loadConnection(connectionId);
  // In group scope a notification may be a change of a chosen group's members (its subscription on /groups), which
  // users/delta cannot show; a group-scoped run lists the chosen groups in full anyway.
  if (kind === "users" && reason !== "poll" && connection.usersScope.mode === "groups") return { changed: true };
  const link = kind === "users" ? connection.usersDeltaLink : connection.devicesDeltaLink;
  const whoChanged =
    kind === "users" &&
    (connection.usersDeltaWithExternal !== connection.syncExternalUsers ||
      !sameScope(connection.usersDeltaScope ?? allUsersScope, connection.usersScope));
  if (!link || whoChanged) return { changed: true };
  const graph = openGraphSession(settings, options);
  const page = await (kind === "users" ? fetchUsersDeltaPage(graph, link) : fetchDevicesDeltaPage(graph, link));
  // Graph answers an unchanged directory with an empty last page and a delta link; anything else is for a run.
  if (page.fullResyncNeeded || page.changes.length > 0 || page.nextLink || !page.deltaLink) return { changed: true };
  return { changed: false, link, deltaLink: page.deltaLink };
}
