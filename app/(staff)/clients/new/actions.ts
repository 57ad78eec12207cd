"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { addClient } from "@/lib/clients/commands";
import { clientFields } from "@/lib/clients/client-fields";

export const addClientAction = formAction("staff", clientFields, async (fields, actor) => {
  const { id } = await addClient(actor, fields);
  revalidatePath("/clients");
  redirect(`/clients/${id}?added=1`);
});
