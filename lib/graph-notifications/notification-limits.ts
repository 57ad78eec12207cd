import "server-only";
import { and, eq, isNull, like, lte, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { signInThrottles } from "@/db/schema";

// The notification endpoints are public: anyone may POST to them. What Graph sends is believed only with the right
// clientState, and an address whose requests keep being refused (a wrong clientState for a subscription Vertask
// holds, a body that is not Graph's) is refused outright for a while, as the sign-in limits do for passwords
// (lib/auth/sign-in-limits.ts), with counters in the same table under their own keys. A notification for a
// subscription Vertask does not hold (one whose creation was cut short, or already deleted) is ignored without
// counting: Graph may still send those, and its address must never be locked out.

const minute = 60_000;
const refusalLimit = { refusals: 20, window: 15 * minute, lockout: 15 * minute };
const KEY_PREFIX = "graph-notifications:";

const keyOf = (clientAddress: string | null) => `${KEY_PREFIX}${clientAddress ?? "unknown"}`;

/** When the address may be heard again, or null when it is not locked out. */
export async function lockedOutUntil(clientAddress: string | null, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(eq(signInThrottles.key, keyOf(clientAddress)));
  return row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
}

/** Counts one refused request from the address, in one statement; the limit reached locks it out. */
export async function countRefusal(clientAddress: string | null, now: Date) {
  // Raw SQL takes dates as text.
  const windowStart = new Date(now.getTime() - refusalLimit.window).toISOString();
  const lockedUntil = new Date(now.getTime() + refusalLimit.lockout).toISOString();
  const windowOver = sql`${signInThrottles.windowStartedAt} <= ${windowStart}::timestamptz`;
  const refusals = sql`CASE WHEN ${windowOver} THEN 1 ELSE ${signInThrottles.failures} + 1 END`;
  await db
    .insert(signInThrottles)
    .values({ key: keyOf(clientAddress), failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInThrottles.key,
      set: {
        failures: refusals,
        windowStartedAt: sql`CASE WHEN ${windowOver} THEN ${now.toISOString()}::timestamptz ELSE ${signInThrottles.windowStartedAt} END`,
        lockedUntil: sql`CASE WHEN ${refusals} >= ${refusalLimit.refusals} THEN ${lockedUntil}::timestamptz ELSE ${signInThrottles.lockedUntil} END`,
      },
    });
  // Counters whose window and lockout are both over say nothing any more.
  const cutoff = new Date(now.getTime() - Math.max(refusalLimit.window, refusalLimit.lockout));
  await db
    .delete(signInThrottles)
    .where(
      and(
        like(signInThrottles.key, `${KEY_PREFIX}%`),
        lte(signInThrottles.windowStartedAt, cutoff),
        or(isNull(signInThrottles.lockedUntil), lte(signInThrottles.lockedUntil, now)),
      ),
    );
}
