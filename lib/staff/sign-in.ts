import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import { staffMicrosoftSignIn, staffUsers } from "@/db/schema";
import { unknownAccountHash, verifyPassword } from "@/lib/auth/passwords";
import { underSignInLimits, type SignInAttempt } from "@/lib/auth/sign-in-limits";

/** The sign-in limits' account of a staff member: the sign-in form and "Your account" count against the same one. */
export const staffSignInAccount = (email: string) => `staff:${email.trim().toLowerCase()}`;

/** Whether staff must sign in with Microsoft (Settings → Sign-in): passwords are refused then. */
async function microsoftSignInRequired() {
  const [row] = await db.select({ required: staffMicrosoftSignIn.requireMicrosoft }).from(staffMicrosoftSignIn);
  return row?.required ?? false;
}

/**
 * The staff member these credentials belong to, or null; never says which part was wrong. Exactly one password
 * check either way, and none while the sign-in limits lock the account or the address (TooManyAttempts). While
 * Microsoft sign-in is required, only accounts made with `npm run create-superuser` (the way back in) may use a
 * password: the others get the same null as a wrong password, so the answer tells nothing about the account.
 */
export async function findStaffBySignIn(email: string, password: string, attempt: SignInAttempt) {
  const normalized = email.trim().toLowerCase();
  return underSignInLimits(staffSignInAccount(normalized), attempt, async () => {
    const [staff] = await db.select().from(staffUsers).where(eq(staffUsers.email, normalized));
    const matches = await verifyPassword(password, staff?.passwordHash ?? unknownAccountHash);
    if (!staff || !matches) return null;
    return staff.createdFromCommandLine || !(await microsoftSignInRequired()) ? staff : null;
  });
}
