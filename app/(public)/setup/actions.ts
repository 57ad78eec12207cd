"use server";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { clientAddress } from "@/lib/auth/client-address";
import { createFirstSuperuser } from "@/lib/staff/commands";
import { firstSuperuserInput } from "@/lib/staff/schemas";

export const createFirstSuperuserAction = formAction("anyone", firstSuperuserInput, async (input) => {
  await createFirstSuperuser(input, { clientAddress: await clientAddress() });
  redirect("/signin?setup=done");
});
