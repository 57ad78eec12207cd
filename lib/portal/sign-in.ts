import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, portalAccounts } from "@/db/schema";
import { unknownAccountHash, verifyPassword } from "@/lib/auth/passwords";
import { underSignInLimits, type SignInAttempt } from "@/lib/auth/sign-in-limits";

/** A portal account, and its client, both active, whose client has this mail address (trimmed, lower case). */
export const activeAccountWithMail = (normalizedEmail: string) =>
  and(
    sql`lower(${clients.mail}) = ${normalizedEmail}`,
    eq(portalAccounts.status, "active"),
    eq(clients.status, "active"),
  );

/**
 * The client these portal credentials belong to, while both the client and their access are active. An unknown
 * email costs one password check, as a known one does; none while the sign-in limits refuse (TooManyAttempts).
 */
export async function findPortalClientBySignIn(email: string, password: string, attempt: SignInAttempt) {
  const normalized = email.trim().toLowerCase();
  return underSignInLimits(`portal:${normalized}`, attempt, async () => {
    const candidates = await db
      .select({
        id: clients.id,
        name: clients.displayName,
        mail: clients.mail,
        passwordHash: portalAccounts.passwordHash,
        sessionVersion: portalAccounts.sessionVersion,
      })
      .from(portalAccounts)
      .innerJoin(clients, eq(clients.id, portalAccounts.clientId))
      .where(activeAccountWithMail(normalized));
    const withPassword = candidates.filter((candidate) => candidate.passwordHash);
    if (!withPassword.length) {
      await verifyPassword(password, unknownAccountHash);
      return null;
    }
    // The same mail address can belong to clients of two tenants: each has its own password.
    for (const candidate of withPassword) {
      if (await verifyPassword(password, candidate.passwordHash!)) return candidate;
    }
    return null;
  });
}
