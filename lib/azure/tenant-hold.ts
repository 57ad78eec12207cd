import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { GraphSession } from "./graph-session";

// Graph throttles each app in each tenant on its own. A 429's Retry-After from one tenant holds back this
// process's further requests to that tenant (its next page, its other $batch calls) until it passes, instead
// of each meeting a 429 of its own; requests to every other tenant go on as before.
const heldUntil = new Map<string, number>();

/** Graph counts per app per tenant: the hold is keyed the same way (and by cloud). */
function holdKey(graph: GraphSession) {
  return [
    graph.endpoints.graphBaseUrl,
    graph.settings.tenantId.trim().toLowerCase(),
    graph.settings.clientId.trim().toLowerCase(),
  ].join(" ");
}

/** Graph asked this session's tenant to wait `seconds`: its requests from this process wait until then. */
export function holdTenant(graph: GraphSession, seconds: number) {
  const key = holdKey(graph);
  const until = Date.now() + seconds * 1000;
  if ((heldUntil.get(key) ?? 0) < until) heldUntil.set(key, until);
}

/**
 * Waits until the session's tenant is no longer held, and notes the wait on the session. A hold longer than
 * the session's policy allows is not waited out here: the request goes, and its 429 fails the call as throttled.
 */
export async function waitForTenant(graph: GraphSession) {
  const key = holdKey(graph);
  for (;;) {
    const remainingMs = (heldUntil.get(key) ?? 0) - Date.now();
    if (remainingMs <= 0) {
      heldUntil.delete(key);
      return;
    }
    if (remainingMs > graph.retry.maxWaitSeconds * 1000) return;
    await sleep(remainingMs);
    graph.noteWait(remainingMs / 1000);
  }
}
