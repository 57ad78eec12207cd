import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { db } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { authorize, ForbiddenError, type Actor } from "@/lib/auth/authorize";
import { FieldError } from "@/lib/actions/field-error";
import { hashPassword } from "@/lib/auth/passwords";
import { underSignInLimits, type SignInAttempt } from "@/lib/auth/sign-in-limits";
import type { StaffMemberInput } from "./schemas";

const duplicateEmail = () => new FieldError("email", "A staff member with this email already exists.");

/**
 * Creates the first superuser; once anyone exists this refuses for good. Under the sign-in limits as one
 * account ("setup"): whoever reaches a fresh instance gets a few tries per quarter hour, whatever their address.
 */
export async function createFirstSuperuser(input: Omit<StaffMemberInput, "role">, attempt: SignInAttempt) {
  return underSignInLimits("setup", attempt, () => insertFirstSuperuser(input));
}

async function insertFirstSuperuser(input: Omit<StaffMemberInput, "role">) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Two people submitting the first-run form at once: only one becomes the superuser.
    await tx.execute(sql`LOCK TABLE staff_users IN EXCLUSIVE MODE`);
    const [existing] = await tx.select({ id: staffUsers.id }).from(staffUsers).limit(1);
    if (existing) throw new ForbiddenError("Vertask is already set up: sign in instead.");
    const [created] = await tx
      .insert(staffUsers)
      .values({ name: input.name, email: input.email, passwordHash, role: "superuser" })
      .returning({ id: staffUsers.id });
    return created;
  });
}

export async function addStaffMember(actor: Actor, input: StaffMemberInput) {
  authorize(actor, "superuser");
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(staffUsers)
    .values({ name: input.name, email: input.email, passwordHash, role: input.role })
    .onConflictDoNothing({ target: staffUsers.email })
    .returning({ id: staffUsers.id });
  if (!created) throw duplicateEmail();
  return created;
}

export async function removeStaffMember(actor: Actor, staffId: string) {
  authorize(actor, "superuser");
  if (staffId === actor.id) throw new ForbiddenError("You cannot remove yourself; ask another superuser.");
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE staff_users IN EXCLUSIVE MODE`);
    const [target] = await tx.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    if (!target) throw new ForbiddenError("This staff member no longer exists.");
    if (target.role === "superuser") {
      const others = await tx
        .select({ id: staffUsers.id })
        .from(staffUsers)
        .where(and(eq(staffUsers.role, "superuser"), ne(staffUsers.id, staffId)));
      if (others.length === 0) throw new ForbiddenError("Vertask needs at least one superuser.");
    }
    await tx.delete(staffUsers).where(eq(staffUsers.id, staffId));
    return target;
  });
}
