import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { portalAccounts, portalInvitations } from "@/db/schema";
import { voidOpenPasswordResets } from "./password-reset";

/**
 * Ends everything a client's earlier portal access left open: its sessions (the session version goes up, so
 * lib/session/current-client.ts refuses them at their next request), its open invitation links and its open
 * new-password links. Run when access is revoked or invited afresh, and when a hand-made client's mail changes
 * (those links went to the old address).
 */
export async function endPortalSessionsAndLinks(tx: Transaction, clientId: string, now = new Date()) {
  await tx
    .update(portalAccounts)
    .set({ sessionVersion: sql`${portalAccounts.sessionVersion} + 1` })
    .where(eq(portalAccounts.clientId, clientId));
  await tx
    .update(portalInvitations)
    .set({ supersededAt: now })
    .where(
      and(
        eq(portalInvitations.clientId, clientId),
        isNull(portalInvitations.usedAt),
        isNull(portalInvitations.supersededAt),
      ),
    );
  await voidOpenPasswordResets(tx, clientId, now);
}
