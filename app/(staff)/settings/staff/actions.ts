"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { addStaffMember, removeStaffMember } from "@/lib/staff/commands";
import { staffMemberInput } from "@/lib/staff/schemas";

export const addStaffMemberAction = formAction("superuser", staffMemberInput, async (input, actor) => {
  await addStaffMember(actor, input);
  revalidatePath("/settings/staff");
  return `${input.name} can now sign in as a ${input.role}.`;
});

export const removeStaffMemberAction = formAction(
  "superuser",
  z.object({ staffId: z.uuid("Choose a staff member to remove.") }),
  async ({ staffId }, actor) => {
    const removed = await removeStaffMember(actor, staffId);
    revalidatePath("/settings/staff");
    return `${removed.name} was removed and can no longer sign in.`;
  },
);
