import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";

const publicColumns = { id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, role: staffUsers.role };

export async function staffExists() {
  const [row] = await db
    .select({ found: sql<number>`1` })
    .from(staffUsers)
    .limit(1);
  return Boolean(row);
}

/** What a staff session carries: who signed in, and the session version their row had then. */
export type StaffSession = { staffId?: string; sessionVersion?: number };

/**
 * The staff member a session belongs to, read fresh: a removed person, or one whose password or role
 * changed since the session began (a raised session version), gets null and is signed out.
 */
export async function findStaffForSession(session: StaffSession | null | undefined): Promise<Actor | null> {
  if (!session?.staffId) return null;
  const [staff] = await db
    .select({ ...publicColumns, sessionVersion: staffUsers.sessionVersion })
    .from(staffUsers)
    .where(eq(staffUsers.id, session.staffId));
  if (!staff || staff.sessionVersion !== session.sessionVersion) return null;
  const { sessionVersion: _version, ...actor } = staff;
  return actor;
}

export async function findStaffMember(actor: Actor, staffId: string): Promise<Actor | undefined> {
  authorize(actor, "superuser");
  const [staff] = await db.select(publicColumns).from(staffUsers).where(eq(staffUsers.id, staffId));
  return staff;
}

export async function listStaff(actor: Actor) {
  authorize(actor, "superuser");
  return db
    .select({
      ...publicColumns,
      createdAt: staffUsers.createdAt,
      // Linked at their first sign-in with Microsoft (lib/staff/microsoft-sign-in.ts).
      microsoftLinked: sql<boolean>`${staffUsers.microsoftObjectId} is not null`,
      createdFromCommandLine: staffUsers.createdFromCommandLine,
    })
    .from(staffUsers)
    .orderBy(asc(staffUsers.name));
}
