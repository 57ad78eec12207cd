"use server";
import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions/form-action";
import { saveStaffSignInSettings, staffSignInForm } from "@/lib/staff/microsoft-sign-in-settings";

export const saveStaffSignInAction = formAction("superuser", staffSignInForm, async (input, actor) => {
  const message = await saveStaffSignInSettings(actor, input);
  revalidatePath("/settings/sign-in");
  return message;
});
