import "server-only";
import type { SyncKind, UsersScope } from "@/db/schema";
import { findConnectionById, notReadyMessage, entraSettingsOf } from "@/lib/connections";

/** What the steps of one run pass each other: ids and links only, never a secret or a token. */
export type RunPlan = {
  runId: string;
  kind: SyncKind;
  connectionId: string;
  mode: "full" | "delta";
  startLink: string | null;
  syncedAt: string;
  /** "Sync external users" when the run began; the whole run follows it. */
  syncExternalUsers: boolean;
  /** The users scope when the run began (users runs); the whole run follows it. */
  usersScope: UsersScope | null;
  /** A preview: pages are decided and counted, and no client is written. */
  preview: boolean;
};

/** The Graph credentials for one step; decrypted here, used for the call, never returned. */
export async function loadConnection(connectionId: string) {
  const connection = await findConnectionById(connectionId);
  const settings = connection && (await entraSettingsOf(connection));
  if (!settings) throw new Error(notReadyMessage(connection ?? null)!);
  return { connection, settings };
}
