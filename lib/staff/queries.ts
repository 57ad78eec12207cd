import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { authorize, type Actor } from "@/lib/auth/authorize";

const publicColumns = { id: staffUsers.id, name: staffUsers.name, email: staffUsers.email, role: staffUsers.role };

export async function staffExists() {
  const [row] = await db.select({ found: sql<number>`1` }).from(staffUsers).limit(1);
  return Boolean(row);
}

export async function findStaffById(id: string): Promise<Actor | undefined> {
  const [staff] = await db.select(publicColumns).from(staffUsers).where(eq(staffUsers.id, id));
  return staff;
}

export async function listStaff(actor: Actor) {
  authorize(actor, "superuser");
  return db
    .select({ ...publicColumns, createdAt: staffUsers.createdAt })
    .from(staffUsers)
    .orderBy(asc(staffUsers.name));
}
