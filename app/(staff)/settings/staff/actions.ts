"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { uuidField } from "@/db/is-uuid";
import { formAction } from "@/lib/actions/form-action";
import { addStaffMember, changeStaffRole, removeStaffMember, resetStaffPassword } from "@/lib/staff/commands";
import { changeRoleInput, resetPasswordInput, staffMemberInput } from "@/lib/staff/schemas";

const roleName = (role: string) => (role === "superuser" ? "superuser" : "technician");

export const addStaffMemberAction = formAction("superuser", staffMemberInput, async (input, actor) => {
  await addStaffMember(actor, input);
  revalidatePath("/settings/staff");
  return `${input.name} can now sign in as a ${input.role}.`;
});

export const removeStaffMemberAction = formAction(
  "superuser",
  z.object({ staffId: uuidField("Choose a staff member to remove.") }),
  async ({ staffId }, actor) => {
    const removed = await removeStaffMember(actor, staffId);
    revalidatePath("/settings/staff");
    return `${removed.name} was removed and can no longer sign in.`;
  },
);

export const changeStaffRoleAction = formAction("superuser", changeRoleInput, async ({ staffId, role }, actor) => {
  const changed = await changeStaffRole(actor, staffId, role);
  revalidatePath("/settings/staff");
  if (!changed.changed) return `${changed.name} is already a ${roleName(role)}: nothing changed.`;
  return `${changed.name} is now a ${roleName(role)}; their open sessions have ended.`;
});

export const resetStaffPasswordAction = formAction(
  "superuser",
  resetPasswordInput,
  async ({ staffId, password }, actor) => {
    const target = await resetStaffPassword(actor, staffId, password);
    return `${target.name} has a new password; their open sessions have ended. Give it to them in person or by phone.`;
  },
);
