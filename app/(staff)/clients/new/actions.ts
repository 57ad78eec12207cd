"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions/form-action";
import { addClient } from "@/lib/clients/commands";
import { clientFields, organizationChoice } from "@/lib/clients/client-fields";

export const addClientAction = formAction(
  "staff",
  clientFields.extend(organizationChoice.shape),
  async ({ organizationId, ...fields }, actor) => {
    const { id } = await addClient(actor, fields, organizationId);
    revalidatePath("/clients");
    redirect(`/clients/${id}?added=1`);
  },
);
