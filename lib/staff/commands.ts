import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { db, type Transaction } from "@/db/client";
import { staffUsers, type StaffRole } from "@/db/schema";
import { authorize, ForbiddenError, type Actor } from "@/lib/auth/authorize";
import { FieldError } from "@/lib/auth/field-error";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import { recordAuditEvent } from "@/lib/audit/record";
import { z } from "zod";
import { firstSuperuserInput, type FirstSuperuserForm, type StaffMemberInput } from "./schemas";
import { setupCodeMatches } from "./setup-code";
import { underSignInLimits, type SignInAttempt } from "@/lib/auth/sign-in-limits";
import { staffSignInAccount } from "./sign-in";

const duplicateEmail = () => new FieldError("email", "A staff member with this email already exists.");
// Every open session of this person stops working at its next request (lib/session/current-staff.ts).
const endSessions = { sessionVersion: sql`${staffUsers.sessionVersion} + 1`, updatedAt: sql`now()` };

const notTheSetupCode = "This is not the setup code. Find it in the server log, or run: npm run setup-code";

/** Each field's problems as one sentence, as FieldError carries them. */
function fieldProblems(error: z.ZodError): Record<string, string> {
  const fields = z.flattenError(error).fieldErrors as Record<string, string[] | undefined>;
  return Object.fromEntries(Object.entries(fields).map(([field, messages]) => [field, (messages ?? []).join(" ")]));
}

/**
 * Creates the first superuser for whoever knows the setup code; once anyone exists this refuses for good, so
 * the code stops working too. Under the sign-in limits as one account ("setup"): whoever reaches a fresh
 * instance gets a few tries per quarter hour, whatever their address, and a wrong code counts as a failure.
 * Every field's problem is reported at once, the setup code's among them; a right code with another field
 * wrong uses up no try.
 */
export async function createFirstSuperuser(
  form: FirstSuperuserForm,
  attempt: SignInAttempt,
  env: Record<string, string | undefined> = process.env,
) {
  const parsed = firstSuperuserInput.safeParse(form);
  const problems = parsed.success ? {} : fieldProblems(parsed.error);
  if (problems.setupCode) throw new FieldError(problems);
  const outcome = await underSignInLimits("setup", attempt, async () => {
    if (!setupCodeMatches(form.setupCode ?? "", env)) throw new FieldError({ ...problems, setupCode: notTheSetupCode });
    return parsed.success ? { created: await insertSuperuser(parsed.data, { onlyIfFirst: true }) } : { problems };
  });
  if (!outcome || "problems" in outcome) throw new FieldError(outcome?.problems ?? {});
  return outcome.created;
}

/** `npm run create-superuser`: whoever runs commands on the server may add a superuser at any time. */
export async function createSuperuserFromCommandLine(input: Omit<StaffMemberInput, "role">) {
  return insertSuperuser(input, { onlyIfFirst: false });
}

async function insertSuperuser(input: Omit<StaffMemberInput, "role">, { onlyIfFirst }: { onlyIfFirst: boolean }) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Two people submitting the first-run form at once: only one becomes the superuser.
    await tx.execute(sql`LOCK TABLE staff_users IN EXCLUSIVE MODE`);
    const [existing] = await tx.select({ id: staffUsers.id }).from(staffUsers).limit(1);
    if (existing && onlyIfFirst) throw new ForbiddenError("Vertask is already set up: sign in instead.");
    const [created] = await tx
      .insert(staffUsers)
      .values({
        name: input.name,
        email: input.email,
        passwordHash,
        role: "superuser",
        createdFromCommandLine: !onlyIfFirst,
      })
      .onConflictDoNothing({ target: staffUsers.email })
      .returning({
        id: staffUsers.id,
        name: staffUsers.name,
        email: staffUsers.email,
        sessionVersion: staffUsers.sessionVersion,
      });
    if (!created) throw duplicateEmail();
    // Nobody signed in did this: the first superuser sets Vertask up, or someone ran the command on the server.
    const by = onlyIfFirst
      ? { id: created.id, name: input.name }
      : { id: null, name: "Command line (npm run create-superuser)" };
    await recordAuditEvent(
      tx,
      by,
      "staff.added",
      `Added ${input.name} (${input.email}) as superuser${onlyIfFirst ? " at first-run setup" : ""}`,
    );
    return created;
  });
}

export async function addStaffMember(actor: Actor, input: StaffMemberInput) {
  authorize(actor, "superuser");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(staffUsers)
      .values({ name: input.name, email: input.email, passwordHash, role: input.role })
      .onConflictDoNothing({ target: staffUsers.email })
      .returning({ id: staffUsers.id });
    if (!created) throw duplicateEmail();
    await recordAuditEvent(tx, actor, "staff.added", `Added ${input.name} (${input.email}) as ${input.role}`);
    return created;
  });
}

/**
 * Runs a superuser's change to another staff member with the staff table locked, so two superusers
 * demoting or removing each other at once cannot leave Vertask without one.
 */
async function changeAnotherStaffMember<T>(
  actor: Actor,
  staffId: string,
  ownWarning: string,
  change: (tx: Transaction, target: typeof staffUsers.$inferSelect) => Promise<T>,
) {
  authorize(actor, "superuser");
  if (staffId === actor.id) throw new ForbiddenError(ownWarning);
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE staff_users IN EXCLUSIVE MODE`);
    const [stillSuperuser] = await tx
      .select({ id: staffUsers.id })
      .from(staffUsers)
      .where(and(eq(staffUsers.id, actor.id), eq(staffUsers.role, "superuser")));
    if (!stillSuperuser) throw new ForbiddenError("Only a superuser can do this.");
    const [target] = await tx.select().from(staffUsers).where(eq(staffUsers.id, staffId));
    if (!target) throw new ForbiddenError("This staff member no longer exists.");
    return change(tx, target);
  });
}

async function refuseLosingLastSuperuser(tx: Transaction, target: typeof staffUsers.$inferSelect) {
  if (target.role !== "superuser") return;
  const others = await tx
    .select({ id: staffUsers.id })
    .from(staffUsers)
    .where(and(eq(staffUsers.role, "superuser"), ne(staffUsers.id, target.id)));
  if (others.length === 0) throw new ForbiddenError("Vertask needs at least one superuser.");
}

export async function removeStaffMember(actor: Actor, staffId: string) {
  return changeAnotherStaffMember(
    actor,
    staffId,
    "You cannot remove yourself; ask another superuser.",
    async (tx, target) => {
      await refuseLosingLastSuperuser(tx, target);
      // A removed person's sessions end at once: the session check finds no row.
      await tx.delete(staffUsers).where(eq(staffUsers.id, staffId));
      await recordAuditEvent(tx, actor, "staff.removed", `Removed ${target.name} (${target.email})`);
      return target;
    },
  );
}

export async function changeStaffRole(actor: Actor, staffId: string, role: StaffRole) {
  return changeAnotherStaffMember(
    actor,
    staffId,
    "You cannot change your own role; ask another superuser.",
    async (tx, target) => {
      if (target.role === role) return { ...target, changed: false };
      if (role !== "superuser") await refuseLosingLastSuperuser(tx, target);
      await tx
        .update(staffUsers)
        .set({ role, ...endSessions })
        .where(eq(staffUsers.id, staffId));
      await recordAuditEvent(tx, actor, "staff.role.changed", `Changed the role of ${target.name} to ${role}`, {
        role: { from: target.role, to: role },
      });
      return { ...target, role, changed: true };
    },
  );
}

export async function resetStaffPassword(actor: Actor, staffId: string, password: string) {
  authorize(actor, "superuser");
  const passwordHash = await hashPassword(password);
  return changeAnotherStaffMember(
    actor,
    staffId,
    "Change your own password under Your account: it asks for your current one.",
    async (tx, target) => {
      await tx
        .update(staffUsers)
        .set({ passwordHash, ...endSessions })
        .where(eq(staffUsers.id, staffId));
      await recordAuditEvent(tx, actor, "staff.password.reset", `Set a new password for ${target.name}`);
      return target;
    },
  );
}

/**
 * Whether `currentPassword` is the staff member's own, under the sign-in limits (a wrong one counts as a failed
 * sign-in): asked before a password change is confirmed, and again as it is made.
 */
export async function checkOwnPassword(actor: Actor, currentPassword: string, attempt: SignInAttempt) {
  authorize(actor, "staff");
  const own = await underSignInLimits(staffSignInAccount(actor.email), attempt, async () => {
    const [row] = await db.select().from(staffUsers).where(eq(staffUsers.id, actor.id));
    return row && (await verifyPassword(currentPassword, row.passwordHash)) ? row : null;
  });
  if (!own) throw new FieldError("currentPassword", "This is not your current password.");
  return own;
}

/**
 * A staff member's own change: the current password proves it is them, not someone at an open session. Checked
 * under the sign-in limits of their account, so an open session cannot be used to guess the password either.
 */
export async function changeOwnPassword(
  actor: Actor,
  currentPassword: string,
  newPassword: string,
  attempt: SignInAttempt,
) {
  const own = await checkOwnPassword(actor, currentPassword, attempt);
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    // Only if nobody changed it meanwhile: the check above was against this hash.
    const [changed] = await tx
      .update(staffUsers)
      .set({ passwordHash, ...endSessions })
      .where(and(eq(staffUsers.id, actor.id), eq(staffUsers.passwordHash, own.passwordHash)))
      .returning({ id: staffUsers.id });
    if (!changed) throw new ForbiddenError("Your password was changed elsewhere meanwhile: sign in again.");
    await recordAuditEvent(tx, actor, "staff.password.changed", `${actor.name} changed their own password`);
  });
}
