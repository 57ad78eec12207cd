import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { db, closeDatabase } from "@/db/client";
import { staffUsers } from "@/db/schema";
import { ForbiddenError } from "@/lib/auth/authorize";
import { FieldError } from "@/lib/auth/field-error";
import {
  addStaffMember,
  changeStaffRole,
  createSuperuserFromCommandLine,
  removeStaffMember,
  resetStaffPassword,
} from "@/lib/staff/commands";
import { listAuditEvents } from "@/lib/audit/queries";
import { listStaff } from "@/lib/staff/queries";
import { findStaffBySignIn } from "@/lib/staff/sign-in";
import { staffMemberInput } from "@/lib/staff/schemas";
import { createActor, resetDatabase } from "../support/database";

beforeEach(resetDatabase);
afterAll(closeDatabase);

// An attempt without a client address: only the per-account sign-in limit applies.
const fromNowhere = { clientAddress: null };
const newMember = {
  name: "Tia Tech",
  email: "tia@msp.example",
  password: "a long enough password",
  role: "technician" as const,
};

describe("staff management", () => {
  it("the audit log records staff added, their role changed, a password set for them, and their removal, by whom", async () => {
    const admin = await createActor("superuser", "Sam Admin");
    const { id } = await addStaffMember(admin, newMember);
    await changeStaffRole(admin, id, "superuser");
    await resetStaffPassword(admin, id, "plum tractor velvet 42");
    await removeStaffMember(admin, id);
    await createSuperuserFromCommandLine({
      name: "Rescue Admin",
      email: "rescue@msp.example",
      password: "a long enough password",
    });
    const log = (await listAuditEvents(admin)).reverse().map((event) => `${event.actorName}: ${event.summary}`);
    expect(log).toEqual([
      "Sam Admin: Added Tia Tech (tia@msp.example) as technician",
      "Sam Admin: Changed the role of Tia Tech to superuser",
      "Sam Admin: Set a new password for Tia Tech",
      "Sam Admin: Removed Tia Tech (tia@msp.example)",
      "Command line (npm run create-superuser): Added Rescue Admin (rescue@msp.example) as superuser",
    ]);
    expect(JSON.stringify(await listAuditEvents(admin))).not.toContain("plum tractor");
  });

  it("stores a password hash, never the password, and signs in case-insensitively by email", async () => {
    const admin = await createActor("superuser");
    await addStaffMember(admin, newMember);
    const [stored] = await db
      .select()
      .from(staffUsers)
      .where((await import("drizzle-orm")).eq(staffUsers.email, newMember.email));
    expect(stored.passwordHash).not.toContain(newMember.password);
    expect(await findStaffBySignIn("TIA@msp.example ", newMember.password, fromNowhere)).toMatchObject({
      email: newMember.email,
    });
    expect(await findStaffBySignIn(newMember.email, "wrong password", fromNowhere)).toBeNull();
  });

  it("refuses a technician who adds, lists or removes staff, and changes nothing", async () => {
    const admin = await createActor("superuser");
    const technician = await createActor("technician");
    await expect(addStaffMember(technician, newMember)).rejects.toThrow("Only a superuser can do this.");
    await expect(listStaff(technician)).rejects.toThrow(ForbiddenError);
    await expect(removeStaffMember(technician, admin.id)).rejects.toThrow(ForbiddenError);
    expect(await db.select().from(staffUsers)).toHaveLength(2);
  });

  it("reports a duplicate email at the email field", async () => {
    const admin = await createActor("superuser");
    await addStaffMember(admin, newMember);
    const error = await addStaffMember(admin, { ...newMember, email: "tia@msp.example" }).catch((e) => e);
    expect(error).toBeInstanceOf(FieldError);
    expect(error.fields).toEqual({ email: "A staff member with this email already exists." });
  });

  it("keeps at least one superuser and refuses to remove yourself", async () => {
    const admin = await createActor("superuser");
    await expect(removeStaffMember(admin, admin.id)).rejects.toThrow("You cannot remove yourself");
    const second = await createActor("superuser");
    await removeStaffMember(second, admin.id);
    expect((await listStaff(second)).map((s) => s.id)).toEqual([second.id]);
  });

  it("validates the staff form: name, email, password length and role", () => {
    const result = staffMemberInput.safeParse({ name: "  ", email: "nope", password: "short", role: "owner" });
    expect(result.success).toBe(false);
    const fields = Object.keys(result.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(["email", "name", "password", "role"]);
    expect(staffMemberInput.parse({ ...newMember, email: "  Tia@MSP.example " }).email).toBe("tia@msp.example");
  });
});
