import "server-only";
import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { signInThrottles } from "@/db/schema";
import { ActionRefused } from "@/lib/auth/action-refused";

const minute = 60_000;

/**
 * Per account: 5 failures in 15 minutes lock it for 15 minutes. Per client address: a higher limit, so one
 * office behind one address is not locked out by a colleague, while one machine cannot try many accounts.
 */
const signInLimits = {
  account: { failures: 5, window: 15 * minute, lockout: 15 * minute },
  address: { failures: 50, window: 15 * minute, lockout: 15 * minute },
} as const;

/** Who is trying, from where, and when (tests pass their own clock). */
export type SignInAttempt = { clientAddress: string | null; now?: Date };

export class TooManyAttempts extends ActionRefused {
  constructor(
    readonly retryAt: Date,
    now: Date,
  ) {
    const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / minute));
    super(`Too many failed attempts: try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`);
  }
}

type Counter = { key: string; limit: (typeof signInLimits)["account" | "address"] };

function countersFor(account: string, attempt: SignInAttempt): Counter[] {
  const counters: Counter[] = [{ key: `account:${account}`, limit: signInLimits.account }];
  if (attempt.clientAddress) counters.push({ key: `address:${attempt.clientAddress}`, limit: signInLimits.address });
  // Always in the same order, so two attempts locking the same rows cannot deadlock.
  return counters.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * Counts the attempt as a failure before anything else happens, so attempts sent in parallel cannot all slip
 * past the check; refuses while the account or the address is locked (counting nothing then).
 */
async function claimAttempt(counters: Counter[], now: Date) {
  await db.transaction(async (tx) => {
    const keys = counters.map((c) => c.key);
    await tx
      .insert(signInThrottles)
      .values(keys.map((key) => ({ key, failures: 0, windowStartedAt: now })))
      .onConflictDoNothing();
    const rows = await tx
      .select()
      .from(signInThrottles)
      .where(inArray(signInThrottles.key, keys))
      .orderBy(signInThrottles.key)
      .for("update");
    const locks = rows.map((row) => row.lockedUntil).filter((until): until is Date => until !== null && until > now);
    if (locks.length) throw new TooManyAttempts(new Date(Math.max(...locks.map((until) => until.getTime()))), now);
    for (const row of rows) {
      const { limit } = counters.find((c) => c.key === row.key)!;
      const windowOver = row.windowStartedAt.getTime() <= now.getTime() - limit.window;
      const failures = windowOver ? 1 : row.failures + 1;
      await tx
        .update(signInThrottles)
        .set({
          failures,
          windowStartedAt: windowOver ? now : row.windowStartedAt,
          lockedUntil: failures >= limit.failures ? new Date(now.getTime() + limit.lockout) : null,
        })
        .where(eq(signInThrottles.key, row.key));
    }
  });
}

/** A successful attempt: the account starts afresh, and the address gets back the attempt it was charged. */
async function releaseAttempt(counters: Counter[]) {
  const [account, address] = [
    counters.find((c) => c.key.startsWith("account:"))!,
    counters.find((c) => c.key.startsWith("address:")),
  ];
  await db.delete(signInThrottles).where(eq(signInThrottles.key, account.key));
  if (!address) return;
  await db
    .update(signInThrottles)
    .set({
      failures: sql`greatest(${signInThrottles.failures} - 1, 0)`,
      lockedUntil: sql`CASE WHEN ${signInThrottles.failures} - 1 >= ${address.limit.failures} THEN ${signInThrottles.lockedUntil} END`,
    })
    .where(eq(signInThrottles.key, address.key));
}

/** Forgets counters whose window and lock are both over, a few at a time, so the table does not grow forever. */
async function forgetOldCounters(now: Date) {
  const longest = Math.max(
    signInLimits.account.window,
    signInLimits.address.window,
    signInLimits.account.lockout,
    signInLimits.address.lockout,
  );
  const cutoff = new Date(now.getTime() - longest);
  const old = db
    .select({ key: signInThrottles.key })
    .from(signInThrottles)
    .where(
      and(
        lte(signInThrottles.windowStartedAt, cutoff),
        or(isNull(signInThrottles.lockedUntil), lte(signInThrottles.lockedUntil, now)),
      ),
    )
    .limit(100);
  await db.delete(signInThrottles).where(inArray(signInThrottles.key, old));
}

/**
 * Runs one attempt to prove who someone is (a password, a setup, an invitation link) under the sign-in limits.
 * `run` answers null, or throws, when the attempt failed. The limit is checked before `run` computes any hash.
 */
export async function underSignInLimits<T>(
  account: string,
  attempt: SignInAttempt,
  run: () => Promise<T | null>,
): Promise<T | null> {
  const now = attempt.now ?? new Date();
  const counters = countersFor(account, attempt);
  await claimAttempt(counters, now);
  const result = await run();
  if (result === null) {
    await forgetOldCounters(now);
    return null;
  }
  await releaseAttempt(counters);
  return result;
}
