import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db, closeDatabase } from "@/db/client";
import { auditEvents, signInThrottles, staffUsers } from "@/db/schema";
import { authOptions } from "@/lib/session/options";
import { newPassword } from "@/lib/auth/password-rules";
import {
  changeOwnPassword,
  changeStaffRole,
  checkOwnPassword,
  removeStaffMember,
  resetStaffPassword,
} from "@/lib/staff/commands";
import { changeOwnPasswordInput } from "@/lib/staff/schemas";
import { findStaffForSession, type StaffSession } from "@/lib/staff/queries";
import { findStaffBySignIn } from "@/lib/staff/sign-in";
import { createActor, resetDatabase } from "../support/database";
import type { Actor } from "@/lib/auth/authorize";

// An attempt without a client address: only the per-account sign-in limit applies.
const fromNowhere = { clientAddress: null };

beforeEach(resetDatabase);
afterAll(closeDatabase);

const password = "a long enough password";

/** Signs in as the sign-in form does: the limited credential check, then the session next-auth's callbacks make. */
async function openSession(staff: Actor, withPassword = password): Promise<StaffSession> {
  const signedIn = await findStaffBySignIn(staff.email, withPassword, fromNowhere);
  if (!signedIn) throw new Error(`${staff.email} could not sign in`);
  const user = {
    id: signedIn.id,
    name: signedIn.name,
    email: signedIn.email,
    kind: "staff",
    sessionVersion: signedIn.sessionVersion,
  };
  const callbacks = authOptions.callbacks!;
  const token = await callbacks.jwt!({ token: {}, user, account: null } as never);
  return (await callbacks.session!({ session: { expires: "" }, token } as never)) as StaffSession;
}

const problemWith = (value: string) => newPassword.safeParse(value).error?.issues[0].message ?? null;

describe("password rules", () => {
  it("refuses a password under 12 characters", () => {
    expect(problemWith("short pass1")).toBe("Use at least 12 characters for the password.");
  });

  it("refuses the most common passwords, whatever their case", () => {
    for (const common of ["password1234", "Qwerty123456", "123456789012", "iloveyou1234", "1q2w3e4r5t6y"]) {
      expect(problemWith(common), common).toBe("This password is one of the most common ones: choose another.");
    }
  });

  it("refuses more than bcrypt's 72 bytes instead of cutting it silently, counting bytes rather than letters", () => {
    expect(problemWith("x".repeat(72))).toBeNull();
    expect(problemWith("x".repeat(73))).toMatch(/72 bytes/);
    // 37 letters, 74 bytes: 'é' is two bytes in UTF-8.
    expect(problemWith("é".repeat(37))).toMatch(/72 bytes/);
  });

  it("accepts a long, uncommon password", () => {
    expect(problemWith("plum tractor velvet 42")).toBeNull();
  });
});

describe("a staff member's own password", () => {
  it("needs the current password, and ends every open session of theirs", async () => {
    const tech = await createActor("technician");
    const session = await openSession(tech);
    expect(await findStaffForSession(session)).toMatchObject({ id: tech.id });

    await expect(
      changeOwnPassword(tech, "not my password at all", "plum tractor velvet 42", fromNowhere),
    ).rejects.toThrow("This is not your current password.");
    expect(await findStaffForSession(session)).toMatchObject({ id: tech.id });

    await changeOwnPassword(tech, password, "plum tractor velvet 42", fromNowhere);
    expect(await findStaffForSession(session)).toBeNull();
    expect(await findStaffBySignIn(tech.email, password, fromNowhere)).toBeNull();
    const fresh = await openSession(tech, "plum tractor velvet 42");
    expect(await findStaffForSession(fresh)).toMatchObject({ id: tech.id });
  });

  it("is checked before the change is confirmed, and the check alone changes nothing", async () => {
    const tech = await createActor("technician");
    const session = await openSession(tech);
    const form = { currentPassword: password, newPassword: "plum tractor velvet 42", confirmPassword: "plum" };
    expect(changeOwnPasswordInput.safeParse(form).error?.flatten().fieldErrors).toEqual({
      confirmPassword: ["The two new passwords are not the same."],
    });
    expect(changeOwnPasswordInput.parse({ ...form, confirmPassword: form.newPassword }).confirmed).toBeUndefined();

    await expect(checkOwnPassword(tech, "not my password at all", fromNowhere)).rejects.toThrow(
      "This is not your current password.",
    );
    await checkOwnPassword(tech, password, fromNowhere);
    expect(await findStaffForSession(session)).toMatchObject({ id: tech.id });
    expect(await findStaffBySignIn(tech.email, password, fromNowhere)).toMatchObject({ id: tech.id });
  });
});

describe("a staff member's own password under the sign-in limits", () => {
  it("after 5 wrong current passwords in 15 minutes even the right one waits, and so does signing in to that account", async () => {
    const tech = await createActor("technician");
    const now = new Date();
    for (let i = 0; i < 5; i++) {
      await expect(
        changeOwnPassword(tech, `wrong guess number ${i}`, "plum tractor velvet 42", { clientAddress: null, now }),
      ).rejects.toThrow("This is not your current password.");
    }
    await expect(
      changeOwnPassword(tech, password, "plum tractor velvet 42", { clientAddress: null, now }),
    ).rejects.toThrow("Too many failed attempts: try again in 15 minutes.");
    await expect(findStaffBySignIn(tech.email, password, { clientAddress: null, now })).rejects.toThrow(
      "Too many failed attempts",
    );
    const [own] = await db.select().from(staffUsers).where(eq(staffUsers.id, tech.id));
    expect(
      await findStaffBySignIn(tech.email, password, {
        clientAddress: null,
        now: new Date(now.getTime() + 16 * 60_000),
      }),
    ).toMatchObject({
      passwordHash: own.passwordHash,
    });
  });

  it("the wrong current passwords from one address count against it too", async () => {
    const tech = await createActor("technician");
    await expect(
      changeOwnPassword(tech, "wrong guess", "plum tractor velvet 42", { clientAddress: "203.0.113.7" }),
    ).rejects.toThrow("This is not your current password.");
    const [row] = await db.select().from(signInThrottles).where(eq(signInThrottles.key, "address:203.0.113.7"));
    expect(row.failures).toBe(1);
  });
});

describe("a superuser managing other staff", () => {
  it("a role change ends that person's open sessions, and they come back with the new role", async () => {
    const admin = await createActor("superuser");
    const tech = await createActor("technician");
    const session = await openSession(tech);
    await changeStaffRole(admin, tech.id, "superuser");
    expect(await findStaffForSession(session)).toBeNull();
    expect(await findStaffForSession(await openSession(tech))).toMatchObject({ role: "superuser" });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "staff.role.changed"));
    expect(event.summary).toContain("to superuser");
  });

  it("a password reset ends that person's open sessions and only the new password signs in", async () => {
    const admin = await createActor("superuser");
    const tech = await createActor("technician");
    const session = await openSession(tech);
    await resetStaffPassword(admin, tech.id, "plum tractor velvet 42");
    expect(await findStaffForSession(session)).toBeNull();
    expect(await findStaffBySignIn(tech.email, password, fromNowhere)).toBeNull();
    expect(await findStaffBySignIn(tech.email, "plum tractor velvet 42", fromNowhere)).toMatchObject({ id: tech.id });
  });

  it("a removal ends that person's open sessions", async () => {
    const admin = await createActor("superuser");
    const tech = await createActor("technician");
    const session = await openSession(tech);
    await removeStaffMember(admin, tech.id);
    expect(await findStaffForSession(session)).toBeNull();
  });

  it("the session check refuses a token carrying an older session version", async () => {
    const tech = await createActor("technician");
    const session = await openSession(tech);
    await db.update(staffUsers).set({ sessionVersion: 2 }).where(eq(staffUsers.id, tech.id));
    expect(await findStaffForSession(session)).toBeNull();
    expect(await findStaffForSession({ ...session, sessionVersion: 2 })).toMatchObject({ id: tech.id });
    expect(await findStaffForSession({ staffId: tech.id })).toBeNull();
  });

  it("a technician can neither change roles nor reset passwords", async () => {
    const admin = await createActor("superuser");
    const tech = await createActor("technician");
    await expect(changeStaffRole(tech, admin.id, "technician")).rejects.toThrow("Only a superuser can do this.");
    await expect(resetStaffPassword(tech, admin.id, "plum tractor velvet 42")).rejects.toThrow(
      "Only a superuser can do this.",
    );
    expect(await findStaffBySignIn(admin.email, password, fromNowhere)).toMatchObject({ role: "superuser" });
  });

  it("a superuser changes their own password and role only the safe way", async () => {
    const admin = await createActor("superuser");
    await expect(resetStaffPassword(admin, admin.id, "plum tractor velvet 42")).rejects.toThrow(/Your account/);
    await expect(changeStaffRole(admin, admin.id, "technician")).rejects.toThrow(/own role/);
  });
});

describe("the last superuser", () => {
  it("cannot be demoted or removed: not by themselves, nor by a superuser removed meanwhile", async () => {
    const admin = await createActor("superuser");
    const other = await createActor("superuser");
    await removeStaffMember(admin, other.id);
    await expect(removeStaffMember(admin, admin.id)).rejects.toThrow("You cannot remove yourself");
    await expect(changeStaffRole(admin, admin.id, "technician")).rejects.toThrow(/own role/);
    // `other` still has a page open from before their removal.
    await expect(changeStaffRole(other, admin.id, "technician")).rejects.toThrow("Only a superuser can do this.");
    await expect(removeStaffMember(other, admin.id)).rejects.toThrow("Only a superuser can do this.");
    expect(await findStaffBySignIn(admin.email, password, fromNowhere)).toMatchObject({ role: "superuser" });
  });

  it("two superusers demoting each other at once leave one superuser", async () => {
    const first = await createActor("superuser");
    const second = await createActor("superuser");
    const results = await Promise.allSettled([
      changeStaffRole(first, second.id, "technician"),
      changeStaffRole(second, first.id, "technician"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({
      reason: { message: expect.stringMatching(/superuser/) },
    });
    const superusers = await db.select().from(staffUsers).where(eq(staffUsers.role, "superuser"));
    expect(superusers).toHaveLength(1);
  });

  it("two superusers removing each other at once leave one superuser", async () => {
    const first = await createActor("superuser");
    const second = await createActor("superuser");
    await Promise.allSettled([removeStaffMember(first, second.id), removeStaffMember(second, first.id)]);
    expect(await db.select().from(staffUsers).where(eq(staffUsers.role, "superuser"))).toHaveLength(1);
  });
});
