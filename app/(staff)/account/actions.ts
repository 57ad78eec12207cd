"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { clientAddress } from "@/lib/auth/client-address";
import { changeOwnPassword, checkOwnPassword } from "@/lib/staff/commands";
import { changeOwnPasswordInput } from "@/lib/staff/schemas";

// Checked first (the fields, then the current password), so the form asks "signed out everywhere?" only of a change
// that would go through; without JavaScript the form posts confirmed at once, as every form here does.
export const changeOwnPasswordAction = formAction("staff", changeOwnPasswordInput, async (input, actor) => {
  const attempt = { clientAddress: await clientAddress() };
  if (input.confirmed !== "yes") {
    await checkOwnPassword(actor, input.currentPassword, attempt);
    return { message: "Checked: confirm the change.", data: { readyToConfirm: true } };
  }
  await changeOwnPassword(actor, input.currentPassword, input.newPassword, attempt);
  // Every session of theirs has ended, this one included: they sign in again with the new password.
  redirect("/signin?notice=password-changed");
});
