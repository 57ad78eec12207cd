"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions/form-action";
import { setAlertEmailsChoice } from "@/lib/alerts/preferences";

export const saveAlertEmailsAction = formAction(
  "superuser",
  z.object({ alertEmails: z.enum(["on", "off"], "Choose whether to get alert mail.") }),
  async ({ alertEmails }, actor) => {
    const message = await setAlertEmailsChoice(actor, alertEmails === "on");
    revalidatePath("/settings/alerts");
    return message;
  },
);
