import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { verifyPassword } from "@/lib/auth/passwords";

/** The staff member these credentials belong to, or null; never says which part was wrong. */
export async function findStaffBySignIn(email: string, password: string) {
  const [staff] = await db.select().from(staffUsers).where(eq(staffUsers.email, email.trim().toLowerCase()));
  if (!staff || !(await verifyPassword(password, staff.passwordHash))) return null;
  return staff;
}
