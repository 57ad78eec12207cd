"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { ActionRefused } from "@/lib/auth/action-refused";
import { clientAddress } from "@/lib/auth/client-address";
import { startSession } from "@/lib/session/start-session";
import { findStaffBySignIn } from "@/lib/staff/sign-in";
import { staffSignInInput } from "@/lib/staff/schemas";

// A server action, so the form posts (never a GET with the password in the address) even before JavaScript runs.
export const signInAction = formAction("anyone", staffSignInInput, async ({ email, password }) => {
  const staff = await findStaffBySignIn(email, password, { clientAddress: await clientAddress() });
  if (!staff) throw new ActionRefused("Wrong email or password.");
  await startSession({
    kind: "staff",
    id: staff.id,
    name: staff.name,
    email: staff.email,
    sessionVersion: staff.sessionVersion,
  });
  redirect("/clients");
});
