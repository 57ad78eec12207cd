import "server-only";
import type { SyncKind } from "@/db/schema";
import { EntraError, type GraphOptions } from "@/lib/azure";
import { claimDeltaLook, endDeltaLook, type DeltaRequestReason } from "./delta-checks";
import { lookForChanges } from "./look-for-changes";

export type DeltaRoundOutcome =
  { ran: false; why: string; again: boolean } | { ran: true; runId: string; again: false };

/**
 * One delta round of one connection and kind: one look at Graph (one request when nothing changed), and a
 * queued run when something did, which the sync function of its kind runs as any other. An unchanged directory
 * leaves no run behind, only the time of the look. `again`: a request came during the look, go round once more.
 */
export async function deltaRound(
  connectionId: string,
  kind: SyncKind,
  reason: DeltaRequestReason,
  options: GraphOptions = {},
): Promise<DeltaRoundOutcome> {
  const claim = await claimDeltaLook(connectionId, kind, reason);
  if (!claim.look) {
    // A run this kind's rounds queued and whose event may be lost: sent again (the job engine takes one id once).
    if ("unsentRunId" in claim && claim.unsentRunId) return { ran: true, runId: claim.unsentRunId, again: false };
    return { ran: false, why: claim.because, again: false };
  }
  let found;
  try {
    found = await lookForChanges(connectionId, kind, options, reason);
  } catch (error) {
    // In words an administrator can act on (the tab shows them); the job engine retries what may pass.
    const problem = error instanceof EntraError ? error.message : "Microsoft Graph could not be asked (see the log).";
    await endDeltaLook(connectionId, kind, claim.since, { problem });
    throw error;
  }
  const { again, runId } = await endDeltaLook(connectionId, kind, claim.since, found);
  if (!found.changed) return { ran: false, why: "no changes", again };
  return runId ? { ran: true, runId, again: false } : { ran: false, why: "a run is going", again: false };
}
