"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { clientAddress } from "@/lib/auth/client-address";
import { changeOwnPassword } from "@/lib/staff/commands";
import { changeOwnPasswordInput } from "@/lib/staff/schemas";

export const changeOwnPasswordAction = formAction("staff", changeOwnPasswordInput, async (input, actor) => {
  await changeOwnPassword(actor, input.currentPassword, input.newPassword, { clientAddress: await clientAddress() });
  // Every session of theirs has ended, this one included: they sign in again with the new password.
  redirect("/signin?notice=password-changed");
});
