import "server-only";
import { db } from "@/db/client";
import { entraConnections } from "@/db/schema";
import { checkEntraConnection } from "@/lib/azure";
import { entraSettingsOf, findConnectionById, readyToSyncSql, scopeGroupIds } from "@/lib/connections";
import { ActionRefused } from "@/lib/auth/action-refused";
import { clearConditions, raiseCondition } from "./raise-and-clear";
import { connectionCheckSummary } from "./wording";

/** Connections the daily check looks at: Status Enabled, with the IDs and a credential saved. */
export async function connectionsToCheck(): Promise<string[]> {
  const rows = await db.select({ id: entraConnections.id }).from(entraConnections).where(readyToSyncSql);
  return rows.map((row) => row.id);
}

/** What "Test connection" would say now with the saved settings: null when it would pass. */
async function failingCheckSummary(connectionId: string): Promise<string | null> {
  const connection = await findConnectionById(connectionId);
  if (!connection) return null;
  let settings;
  try {
    settings = await entraSettingsOf(connection);
  } catch (error) {
    // The provider's app missing or replaced since the consent: its message says what to do.
    if (error instanceof ActionRefused) return error.message;
    return "The stored Client secret or certificate key cannot be decrypted with this server's encryption key: enter it again under Azure User Sync.";
  }
  if (!settings) return null;
  const report = await checkEntraConnection(settings, { groupIds: scopeGroupIds(connection) });
  return report.ok ? null : report.summary;
}

/**
 * The daily check of one connection, run without anyone signed in: the connector's own check (token, permissions,
 * one user and one device read). A failure opens "connection check" (mailed once); the next passing check clears
 * it. Returns only whether it passed and whether that opened or cleared the condition: the secret stays inside.
 */
export async function checkConnectionHealth(
  connectionId: string,
  now: Date,
): Promise<{ ok: boolean; changed: boolean }> {
  const subject = { connectionId };
  const failure = await failingCheckSummary(connectionId);
  if (failure) {
    const outcome = await raiseCondition(
      { subject, key: "connection_check", summary: connectionCheckSummary(failure) },
      now,
    );
    return { ok: false, changed: outcome !== "unchanged" };
  }
  return { ok: true, changed: (await clearConditions(subject, ["connection_check"], now)) > 0 };
}

/** "Test connection" passing clears the connection's condition at once; a failing one is left to the daily check to mail. */
export async function clearConnectionCheckAfterPassingTest(connectionId: string, now: Date) {
  await clearConditions({ connectionId }, ["connection_check"], now);
}
