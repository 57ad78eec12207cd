"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { clientAddress } from "@/lib/auth/client-address";
import { startSession } from "@/lib/session/start-session";
import { createFirstSuperuser } from "@/lib/staff/commands";
import { firstSuperuserForm } from "@/lib/staff/schemas";

export const createFirstSuperuserAction = formAction("anyone", firstSuperuserForm, async (input) => {
  const superuser = (await createFirstSuperuser(input, { clientAddress: await clientAddress() }))!;
  // Whoever just chose the password is who it belongs to: signed in at once, as after a sign-in.
  await startSession({ kind: "staff", ...superuser });
  redirect("/clients");
});
