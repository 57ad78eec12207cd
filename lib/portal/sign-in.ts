import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { clients, portalAccounts } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/passwords";

/** The client these portal credentials belong to, while both the client and their access are active. */
export async function findPortalClientBySignIn(email: string, password: string) {
  const candidates = await db
    .select({ id: clients.id, name: clients.displayName, mail: clients.mail, passwordHash: portalAccounts.passwordHash, sessionVersion: portalAccounts.sessionVersion })
    .from(portalAccounts)
    .innerJoin(clients, eq(clients.id, portalAccounts.clientId))
    .where(and(sql`lower(${clients.mail}) = ${email.trim().toLowerCase()}`, eq(portalAccounts.status, "active"), eq(clients.status, "active")));
  for (const candidate of candidates) {
    if (candidate.passwordHash && (await verifyPassword(password, candidate.passwordHash))) return candidate;
  }
  return null;
}
